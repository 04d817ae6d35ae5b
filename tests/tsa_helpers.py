"""A local RFC 3161 timestamp authority on http://127.0.0.1:<port>/tsa (pyHanko's ``DummyTimeStamper`` behind
``http.server``), so sealing and renewal go through the real ``HTTPTimeStamper`` path."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps import DummyTimeStamper


def tsa_cert(key: rsa.RSAPrivateKey, *, days: int = 30) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Lokal test-TSA (TEST)")])
    now = dt.datetime.now(dt.UTC)
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=days))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(key, hashes.SHA256()))


@contextmanager
def local_tsa(folder: Path, *, days: int = 30) -> Iterator[tuple[str, Path, list[int]]]:
    """Run a TSA whose certificate is valid for ``days``; yields its URL, its certificate (PEM) and a count of
    the requests it answered."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = tsa_cert(key, days=days)
    folder.mkdir(parents=True, exist_ok=True)
    pem = folder / "tsa.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    der = serialization.Encoding.DER
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
    )
    requests = [0]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            assert self.headers["Content-Type"] == "application/timestamp-query"
            response = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            requests[0] += 1
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(response)))
            self.end_headers()
            self.wfile.write(response)

        def log_message(self, *_args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa", pem, requests
    finally:
        server.shutdown()
        server.server_close()
