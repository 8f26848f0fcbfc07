using System.Collections.Concurrent;
using System.Data.Common;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Infrastructure.Events;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace ClientPortal.Infrastructure.Data;

/// <summary>
/// Group commit for the sign-in path (and the outbox's sent marks, which also come many at once). Every sign-in must
/// leave one durable write (link consumed, account, entry, audit), and SQLite has one writer: with one transaction per
/// sign-in, sign-ins would queue behind each other's fsync with the CPU half idle. Here one writer takes whatever work
/// is queued, runs the pieces on prepared statements and commits them all with one fsync. A piece that throws (or
/// undoes itself) is rolled back alone: the batch then starts over with a SAVEPOINT per piece. Savepoints are not taken
/// up front, since their statements and the sub-journal's page copies would slow every batch for the rare failing
/// piece. A failed COMMIT fails every piece of its batch. Callers are answered only after the commit, so nothing is
/// reported done before it is durable. On PostgreSQL the same batching saves a commit (a WAL flush and a round trip)
/// per sign-in; the pieces' conditional updates, not a write lock, decide races with other nodes' batches.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly ConcurrentQueue<Piece> _queue = new();
    private readonly ManualResetEventSlim _queued = new();
        // spins briefly before it sleeps: sign-ins arrive close together
    private volatile bool _closed;
    private readonly DatabaseTarget _database;
    private readonly IModel _model;
    private readonly WriteGate _writes;
    private readonly Thread _loop;
    // WAL upkeep: see Checkpoint.
    private const int CheckpointAfterPieces = 256;
    private static readonly TimeSpan CheckpointWhenIdleFor = TimeSpan.FromMilliseconds(100);

    private readonly DomainEvents _events;

    public GroupCommit(IDbContextFactory<PortalDbContext> dbFactory, DatabaseTarget database, WriteGate writes,
        DomainEvents events)
    {
        _events = events;
        _database = database;
        using (var db = dbFactory.CreateDbContext()) _model = db.Model;
        _writes = writes;
        // Its own thread: the batch blocks in SQLite (statements, fsync), and a blocked thread-pool thread on a 2-core
        // server leaves one thread to serve every request.
        _loop = new Thread(Loop) { IsBackground = true, Name = "Group commit" };
        _loop.Start();
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the next batch; completes once that batch is committed, after publishing the
    /// events the work raised on its session (their audit rows were written with it). A piece that undid itself or
    /// failed publishes nothing.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<WriteSession, T> work, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (_closed) throw new ObjectDisposedException(nameof(GroupCommit));
        var piece = new Piece<T>(work);
        _queue.Enqueue(piece);
        _queued.Set();
        var result = await piece.Done.Task;
        if (piece.Raised.Count > 0) await _events.PublishAsync(piece.Raised);
        return result;
    }

    private void Loop()
    {
        WriteSession? session = null;
        var batch = new List<Piece>(MaxBatch);
        var sinceCheckpoint = 0;
        try
        {
            while (true)
            {
                if (_queue.IsEmpty)
                {
                    if (_closed) return;
                    if (sinceCheckpoint == 0) _queued.Wait();
                    else if (!_queued.Wait(CheckpointWhenIdleFor))
                    {
                        Checkpoint(session);
                        sinceCheckpoint = 0;
                        continue;
                    }
                    _queued.Reset(); // a piece queued from here on sets it again; one queued before is seen below
                    continue;
                }
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var piece)) batch.Add(piece);
                // Other writers of this process queue behind the batch instead of sleeping in SQLite's busy handler.
                using (var turn = _writes.Enter())
                {
                    try
                    {
                        session ??= WriteSession.Open(_database, _model);
                        session.Execute(session.Begin);
                        if (!batch.TrueForAll(piece => piece.TryRunTogether(session)))
                        {
                            // A piece failed or undid itself: start over with each piece in a savepoint of its own.
                            session.Execute("ROLLBACK");
                            session.Execute(session.Begin);
                            foreach (var piece in batch) piece.RunIsolated(session);
                        }
                        session.Execute("COMMIT");
                    }
                    catch (Exception e)
                    {
                        session = session?.Broken();
                        foreach (var piece in batch) piece.Fail(e);
                        continue;
                    }
                }
                foreach (var piece in batch) piece.Answer();
                sinceCheckpoint += batch.Count;
                if (sinceCheckpoint >= CheckpointAfterPieces)
                {
                    Checkpoint(session);
                    sinceCheckpoint = 0;
                }
            }
        }
        finally
        {
            session?.Dispose();
            while (_queue.TryDequeue(out var late)) late.Fail(new ObjectDisposedException(nameof(GroupCommit)));
        }
    }

    /// <summary>
    /// Copies the WAL into the database file after a batch has been answered (never inside a commit somebody waits
    /// for), with the write gate held: with nobody appending meanwhile the checkpoint catches up completely, so the
    /// next write starts the WAL over from its beginning. Beside a busy writer a checkpoint never catches up, and the
    /// WAL would grow without end, each commit appending to a longer file.
    /// </summary>
    private void Checkpoint(WriteSession? session)
    {
        if (session is null || _database.IsPostgreSql) return;
        using var turn = _writes.Enter();
        try
        {
            session.Execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
        catch (SqliteException)
        {
            // Busy (a reader of an older snapshot) or failing now; the next checkpoint tries again.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closed = true;
        _queued.Set();
        await Task.Run(_loop.Join);
    }

    private abstract class Piece
    {
        /// <returns>False when the piece threw or undid itself; the batch is then rolled back and run
        /// isolated.</returns>
        public abstract bool TryRunTogether(WriteSession session);
        public abstract void RunIsolated(WriteSession session);
        public abstract void Fail(Exception e);
        public abstract void Answer();
    }

    private sealed class Piece<T>(Func<WriteSession, T> work) : Piece
    {
        public readonly TaskCompletionSource<T> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        /// <summary>The events the piece raised, once it ran and was kept.</summary>
        public IReadOnlyList<IDomainEvent> Raised { get; private set; } = [];

        public override bool TryRunTogether(WriteSession session)
        {
            session.Undone = false;
            session.TakeRaised();
            try
            {
                _result = work(session);
            }
            catch (Exception e) when (!IsFatal(e))
            {
                return false;
            }
            Raised = session.TakeRaised();
            return !session.Undone;
        }

        public override void RunIsolated(WriteSession session)
        {
            _error = null;
            Raised = [];
            session.TakeRaised();
            session.Execute("SAVEPOINT piece");
            try
            {
                session.Undone = false;
                _result = work(session);
                if (session.Undone) session.Execute("ROLLBACK TO piece");
                else Raised = session.TakeRaised();
                session.Execute("RELEASE piece");
            }
            catch (Exception e) when (!IsFatal(e))
            {
                session.Execute("ROLLBACK TO piece");
                session.Execute("RELEASE piece");
                _error = e;
            }
        }

        // I/O error, disk full, a lost connection to the server: the batch fails.
        private static bool IsFatal(Exception e) =>
            e is SqliteException { SqliteErrorCode: 10 or 13 } || e is NpgsqlException and not PostgresException;

        public override void Fail(Exception e) => Done.TrySetException(e);

        public override void Answer()
        {
            if (_error is null) Done.TrySetResult(_result!);
            else Done.TrySetException(_error);
        }
    }
}

/// <summary>
/// The writer's connection inside a batch: prepared statements kept for the connection's life, and inserts whose
/// table, columns and value conversions come from EF's model (so they cannot drift from it).
/// </summary>
public sealed class WriteSession : IDisposable
{
    // Provider-neutral (the statements in Data/Writes are plain SQL with @p0, @p1, … parameters); what is SQLite's own
    // (pragmas, BEGIN IMMEDIATE, checkpoints) stays in the writer that opens the session.
    private readonly DbConnection _connection;
    private readonly IModel _model;
    private readonly Dictionary<string, DbCommand> _prepared = new();

    private WriteSession(DbConnection connection, IModel model)
    {
        _connection = connection;
        _model = model;
    }

    /// <summary>What starts a batch: SQLite takes its one write lock up front; PostgreSQL locks the rows a piece
    /// changes.</summary>
    internal string Begin { get; private init; } = "BEGIN";

    internal static WriteSession Open(DatabaseTarget database, IModel model)
    {
        if (database.IsPostgreSql)
        {
            var server = new NpgsqlConnection(database.ConnectionString);
            server.Open();
            return new WriteSession(server, model);
        }
        var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        var session = new WriteSession(connection, model) { Begin = "BEGIN IMMEDIATE" };
        session.Execute(SqlitePragmas.Sql);
        // A piece's SAVEPOINT keeps the pages it changes in a sub-journal; past 64 KiB SQLite spills it to a temporary
        // file that is created and deleted for every piece. In memory instead.
        session.Execute("PRAGMA temp_store=MEMORY");
        // Checkpoints run beside the writer (see Checkpoint): at 1,000 pages of WAL SQLite would otherwise copy them
        // into the database file and fsync it inside whichever commit crossed the line, stalling every sign-in queued
        // behind it.
        session.Execute("PRAGMA wal_autocheckpoint=0");
        return session;
    }

    /// <summary>After a failed batch: rolls back what is left and drops the connection (a fresh one next
    /// time).</summary>
    internal WriteSession? Broken()
    {
        try
        {
            Execute("ROLLBACK");
        }
        catch (DbException)
        {
            // No transaction left, or a dead connection: it is dropped below either way.
        }
        Dispose();
        return null;
    }

    internal bool Undone { get; set; }

    private List<IDomainEvent> _raised = [];

    /// <summary>
    /// Records an event of this piece: its audit row (<see cref="AuditTrail"/>) is written now, with the piece;
    /// the event is published once the batch has committed.
    /// </summary>
    public void Raise(IDomainEvent e)
    {
        if (AuditTrail.RowOf(e) is { } audit) Insert(audit);
        if (PortalEventRecord.Of(e) is { } record) Insert(record);
        if (Domain.Workflows.WorkflowTriggerRecord.Of(e) is { } trigger) Insert(trigger);
        _raised.Add(e);
    }

    internal List<IDomainEvent> TakeRaised()
    {
        var raised = _raised;
        _raised = [];
        return raised;
    }

    /// <summary>Undoes this piece's writes when it returns (an answer that must leave no trace, such as a
    /// refusal).</summary>
    public void Undo() => Undone = true;

    internal void Execute(string sql) => Command(sql).ExecuteNonQuery();

    /// <summary>A prepared statement with <paramref name="values"/> bound as @p0, @p1, …</summary>
    internal DbCommand Command(string sql, params object?[] values)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                command.Parameters.Add(parameter);
            }
            _prepared[sql] = command;
        }
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command;
    }

    internal int Update(string sql, params object?[] values) => Command(sql, values).ExecuteNonQuery();

    /// <summary>Inserts one new row of a mapped entity (an integer key is left to the database).</summary>
    public void Insert<T>(T row) where T : class
    {
        var insert = RowInsert.For(_model, typeof(T), _connection is NpgsqlConnection);
        var command = Command(insert.Sql);
        insert.Bind(command, row);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _prepared.Values) command.Dispose();
        _prepared.Clear();
        _connection.Dispose();
    }
}
