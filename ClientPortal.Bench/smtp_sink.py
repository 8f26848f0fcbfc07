"""A real SMTP server for tests and load figures: Debian's aiosmtpd, saving each message as JSON.

usage: /usr/bin/python3 smtp_sink.py PORT DIRECTORY
Prints "READY" once it accepts connections. Each message becomes DIRECTORY/NNNNNN.json with the envelope,
headers, and the text and HTML parts.
"""
import email.parser
import email.policy
import itertools
import json
import os
import sys
import time
from email.header import decode_header, make_header

from aiosmtpd.controller import Controller

port, directory = int(sys.argv[1]), sys.argv[2]
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


class Sink:
    async def handle_DATA(self, server, session, envelope):
        message = parser.parsebytes(envelope.content)
        parts = {"text": None, "html": None}
        for part in message.walk():
            kind = part.get_content_type()
            if kind == "text/plain" and parts["text"] is None:
                parts["text"] = content(part)
            elif kind == "text/html" and parts["html"] is None:
                parts["html"] = content(part)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": header(message, "From"),
            "to": header(message, "To"),
            "subject": header(message, "Subject"),
            "message_id": header(message, "Message-ID"),
            "text": parts["text"],
            "html": parts["html"],
        }
        name = os.path.join(directory, "%06d.json" % next(counter))
        with open(name + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.replace(name + ".tmp", name)
        return "250 Message accepted for delivery"


controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print("READY", flush=True)
try:
    while True:
        time.sleep(3600)
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
