"""A local SMTP sink for the notification tests: accepts every message on 127.0.0.1:PORT and
writes each one, as received, to DIR/N.eml. Uses aiosmtpd (Debian's python3-aiosmtpd, installed
by scripts/setup) and falls back to the standard library's smtpd where that still exists (<= 3.11).

    python3 smtp_sink.py PORT DIR
"""
import itertools
import os
import sys
import time

port, out = int(sys.argv[1]), sys.argv[2]
counter = itertools.count(1)


def keep(data):
    n = next(counter)
    tmp = os.path.join(out, f"{n}.tmp")
    with open(tmp, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    # Renamed into place whole, so the test never reads half a message.
    os.rename(tmp, os.path.join(out, f"{n}.eml"))


try:
    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            keep(envelope.original_content or envelope.content)
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    print("listening", flush=True)
    while True:
        time.sleep(3600)
except ImportError:
    import asyncore
    import smtpd

    class Sink(smtpd.SMTPServer):
        def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
            keep(data)

    Sink(("127.0.0.1", port), None, decode_data=False)
    print("listening", flush=True)
    asyncore.loop()
