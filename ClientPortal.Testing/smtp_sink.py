"""A real SMTP server for tests and load figures: Debian's aiosmtpd, saving each message as JSON.

usage: /usr/bin/python3 smtp_sink.py PORT DIRECTORY [MAX_PER_CONNECTION]
Prints "READY" once it accepts connections, and stops when its standard input closes (the process that started it
has ended, however it ended). Each accepted message is first saved raw (DIRECTORY/NNNNNN.eml: the
envelope as one JSON line, then the message), then a second process turns it into DIRECTORY/NNNNNN.json with the
envelope, headers, and the text and HTML parts. Parsing in the server itself made this single-threaded Python
process, not the portal, the limit of delivery figures. With MAX_PER_CONNECTION the server closes a connection after
that many messages, as busy mail servers do.
"""
import asyncio
import email.parser
import email.policy
import itertools
import json
import multiprocessing
import os
import sys
import time
from email.header import decode_header, make_header

from aiosmtpd.controller import Controller

port, directory = int(sys.argv[1]), sys.argv[2]
max_per_connection = int(sys.argv[3]) if len(sys.argv) > 3 else 0
os.makedirs(directory, exist_ok=True)
counter = itertools.count(1)


# The legacy (compat32) parser: the modern email API's parsing cost ~4 ms a message, which made this
# single-threaded server, not the portal, the limit of delivery figures.
parser = email.parser.BytesParser(policy=email.policy.compat32)


def header(message, name):
    value = message.get(name)
    return "" if value is None else str(make_header(decode_header(value)))


def content(part):
    payload = part.get_payload(decode=True) or b""
    return payload.decode(part.get_content_charset() or "utf-8", "replace")


def convert(raw_path):
    with open(raw_path, "rb") as f:
        envelope_line, _, raw = f.read().partition(b"\n")
    envelope = json.loads(envelope_line)
    message = parser.parsebytes(raw)
    parts = {"text": None, "html": None}
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "text/plain" and parts["text"] is None:
            parts["text"] = content(part)
        elif kind == "text/html" and parts["html"] is None:
            parts["html"] = content(part)
    record = {
        "mail_from": envelope["mail_from"],
        "rcpt_tos": envelope["rcpt_tos"],
        "from": header(message, "From"),
        "to": header(message, "To"),
        "subject": header(message, "Subject"),
        "message_id": header(message, "Message-ID"),
        "text": parts["text"],
        "html": parts["html"],
    }
    name = raw_path[:-len(".eml")]
    with open(name + ".tmp", "w", encoding="utf-8") as f:
        json.dump(record, f)
    os.replace(name + ".tmp", name + ".json")


def convert_forever():
    # Ends with the server: a converter left behind re-listed a folder of tens of thousands of files every 20 ms.
    server = os.getppid()
    done = set()
    while os.getppid() == server:
        pending = sorted(f for f in os.listdir(directory) if f.endswith(".eml") and f not in done)
        for f in pending:
            convert(os.path.join(directory, f))
            done.add(f)
        if not pending:
            time.sleep(0.02)


class Sink:
    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(directory, "%06d" % next(counter))
        with open(name + ".part", "wb") as f:
            f.write(json.dumps({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}).encode() + b"\n")
            f.write(envelope.content)
        os.replace(name + ".part", name + ".eml")
        session.accepted = getattr(session, "accepted", 0) + 1
        if max_per_connection and session.accepted >= max_per_connection:
            # After the reply below is written: closing flushes it first.
            asyncio.get_running_loop().call_soon(server.transport.close)
        return "250 Message accepted for delivery"


converter = multiprocessing.Process(target=convert_forever, daemon=True)
converter.start()
controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print("READY", flush=True)
try:
    sys.stdin.read()  # until the starting process closes it or is gone
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
