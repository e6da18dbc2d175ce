"""A webhook receiver for scripts/stress: listens on 127.0.0.1:PORT, answers 200 to every
POST and appends "event_id<TAB>type<TAB>ticket_id" to FILE (flushed per line). Runs until
killed, or for at most --seconds (default 600).

Usage: receiver.py PORT FILE [--seconds N]
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, path = int(sys.argv[1]), sys.argv[2]
limit = float(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--seconds" else 600.0
lock = threading.Lock()
out = open(path, "a", buffering=1)


class Handler(BaseHTTPRequestHandler):
    # Keep connections open between deliveries, as real receivers do (HTTP/1.0 would make
    # every delivery a new connection and a new thread).
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            e = json.loads(body)
            line = f"{e.get('id')}\t{e.get('type')}\t{e.get('ticket_id')}\n"
        except ValueError:
            line = "unreadable\t-\t-\n"
        with lock:
            out.write(line)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
threading.Timer(limit, server.shutdown).start()
server.serve_forever()
