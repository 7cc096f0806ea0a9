# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""Audio formats as the conversation state needs them: duration, cutting, and WAV files.

The Realtime API sends and takes three encodings: pcm16 (16-bit little-endian mono), and G.711
mu-law and A-law (8-bit, 8 kHz). G.711 is decoded here (the stdlib `audioop` is deprecated since
Python 3.11 and gone in 3.13) with the ITU-T G.711 expansion, as two 256-entry tables.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

SAMPLE_BYTES = {"pcm16": 2, "g711_ulaw": 1, "g711_alaw": 1}
UNKNOWN = "unknown"  # the encoding of a format the protocol's table does not list


@dataclass(frozen=True, slots=True)
class AudioFormat:
    """One audio format: its wire name (`audio/pcm`, `pcm16`, ...), encoding and sample rate."""

    name: str
    encoding: str  # "pcm16", "g711_ulaw" or "g711_alaw"
    rate: int  # samples per second

    @property
    def known(self) -> bool:
        """Whether durations can be computed (a format the table lists, with a rate)."""
        return self.encoding in SAMPLE_BYTES and self.rate > 0

    @property
    def sample_bytes(self) -> int:
        return SAMPLE_BYTES.get(self.encoding, 1)

    def duration_ms(self, size: int) -> float:
        """The duration of `size` bytes, in milliseconds (0 for an unknown format)."""
        return size * 1000 / (self.rate * self.sample_bytes) if self.known else 0.0

    def holds(self, size: int, ms: int) -> bool:
        """Whether `size` bytes last at least `ms` milliseconds (exact integer arithmetic);
        always, for a format whose duration is unknown."""
        return not self.known or ms * self.rate * self.sample_bytes <= size * 1000

    def bytes_for(self, ms: int, size: int) -> int:
        """The bytes of the first `ms` milliseconds of `size`, whole samples only (all of them,
        for a format whose duration is unknown)."""
        if not self.known:
            return size
        cut = min(max(ms, 0) * self.rate * self.sample_bytes // 1000, size)
        return cut - cut % self.sample_bytes


def _ulaw(byte: int) -> int:
    byte = ~byte & 0xFF
    magnitude = ((((byte & 0x0F) << 3) + 0x84) << ((byte >> 4) & 0x07)) - 0x84
    return -magnitude if byte & 0x80 else magnitude


def _alaw(byte: int) -> int:
    byte ^= 0x55
    exponent, mantissa = (byte >> 4) & 0x07, byte & 0x0F
    if exponent == 0:
        magnitude = (mantissa << 4) + 8
    else:
        magnitude = ((mantissa << 4) + 0x108) << (exponent - 1)
    return magnitude if byte & 0x80 else -magnitude


def _table(expand: object) -> list[bytes]:
    assert callable(expand)
    return [int(expand(b)).to_bytes(2, "little", signed=True) for b in range(256)]


_G711 = {"g711_ulaw": _table(_ulaw), "g711_alaw": _table(_alaw)}


def to_pcm16(data: bytes, encoding: str) -> bytes:
    """16-bit little-endian PCM of `data` in `encoding` (pcm16 is returned as it is)."""
    if encoding == "pcm16":
        return data[: len(data) - len(data) % 2]
    table = _G711[encoding]
    return b"".join(map(table.__getitem__, data))


def write_wav(path: Path, data: bytes, audio_format: AudioFormat, channels: int = 1) -> None:
    """`data` (in `audio_format`) as a 16-bit PCM WAV file."""
    pcm = to_pcm16(data, audio_format.encoding)  # little-endian, as WAV stores samples
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(audio_format.rate)
        out.writeframes(pcm)
