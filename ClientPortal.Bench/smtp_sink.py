"""A real SMTP server for tests and load figures: Debian's aiosmtpd, saving each message as JSON.

usage: /usr/bin/python3 smtp_sink.py PORT DIRECTORY
Prints "READY" once it accepts connections. Each message becomes DIRECTORY/NNNNNN.json with the envelope,
headers, and the text and HTML parts.
"""
import email
import email.policy
import itertools
import json
import os
import sys
import time

from aiosmtpd.controller import Controller

port, directory = int(sys.argv[1]), sys.argv[2]
os.makedirs(directory, exist_ok=True)
counter = itertools.count(1)


class Sink:
    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        parts = {"text": None, "html": None}
        for part in message.walk():
            kind = part.get_content_type()
            if kind == "text/plain" and parts["text"] is None:
                parts["text"] = part.get_content()
            elif kind == "text/html" and parts["html"] is None:
                parts["html"] = part.get_content()
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message.get("From", "")),
            "to": str(message.get("To", "")),
            "subject": str(message.get("Subject", "")),
            "message_id": str(message.get("Message-ID", "")),
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
