"""Helpers the tests of uploads share: a multipart body made while it is read, as a browser
sends it (the fields in the order of the form), that counts how much of it the site read.
Also a background task the worker tests queue."""

from django_tasks import task

from core.heartbeats import beat

BOUNDARY = "----leren-met-de-stad-test-boundary"


class StreamedBody:
    """A ``multipart/form-data`` body for ``wsgi.input``. ``parts`` are ``(name, value)`` for a
    field and ``(name, file_name, size)`` for a file of ``size`` bytes (a PDF header, then
    zeros); the file bytes are made as they are read, so a body of hundreds of megabytes costs
    no memory. ``bytes_read`` is what the server has read of it."""

    def __init__(self, parts):
        self.segments = []
        for part in parts:
            if len(part) == 2:
                name, value = part
                self._add(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
            else:
                name, file_name, size = part
                self._add(
                    f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{file_name}"\r\n'
                    "Content-Type: application/pdf\r\n\r\n"
                )
                head = b"%PDF-1.4\n"[:size]
                self.segments.append(head)
                self.segments.append(size - len(head))
                self._add("\r\n")
        self._add(f"--{BOUNDARY}--\r\n")
        self.size = sum(len(s) if isinstance(s, bytes) else s for s in self.segments)
        self.bytes_read = 0
        self._zeros = bytes(1024 * 1024)

    def _add(self, text: str) -> None:
        self.segments.append(text.encode())

    def read(self, size=-1) -> bytes:
        if size is None or size < 0:
            size = self.size - self.bytes_read
        out = []
        wanted = size
        while wanted and self.segments:
            segment = self.segments[0]
            if isinstance(segment, bytes):
                taken, rest = segment[:wanted], segment[wanted:]
                self.segments[0] = rest
                if not rest:
                    self.segments.pop(0)
            else:
                count = min(wanted, segment, len(self._zeros))
                taken = self._zeros[:count]
                if segment - count:
                    self.segments[0] = segment - count
                else:
                    self.segments.pop(0)
            out.append(taken)
            wanted -= len(taken)
        data = b"".join(out)
        self.bytes_read += len(data)
        return data

    def readline(self, size=-1) -> bytes:
        # Django's multipart parser reads in chunks; a line-wise reader gets the same bytes.
        return self.read(size if size and size > 0 else 64 * 1024)


def post_streamed(client, url: str, parts, **extra):
    """POST ``parts`` as a streamed multipart body; the response, and the body to ask how much
    of it was read."""
    body = StreamedBody(parts)
    response = client.generic(
        "POST",
        url,
        **{
            "wsgi.input": body,
            "CONTENT_LENGTH": str(body.size),
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
            **extra,
        },
    )
    return response, body


@task()
def beat_from_the_queue(name: str) -> None:
    """A background task that leaves a trace (a heartbeat named ``name``): the worker tests queue it."""
    beat(name)
