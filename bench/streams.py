"""Deterministic server-event streams, as wire frames (compact JSON bytes), for beta and GA.

Two streams per protocol, both one simulated voice-agent conversation built from a fixed seed:

- `audio`: an audio-heavy conversation. Most frames are audio deltas (`response.output_audio.delta`
  in GA, `response.audio.delta` in beta), each 100 ms of 24 kHz mono pcm16 (4,800 bytes, 6,400
  base64 characters), interleaved with output-transcript deltas, input-transcription deltas, item
  and response lifecycle events, function calls and `rate_limits.updated`.
- `small`: the same kinds of turns without audio frames (the transcripts still stream), half of
  them text responses (`response.output_text.delta` / `response.text.delta`): small events only.

Frame shapes follow what the live servers send (see tests/fixtures and the published examples):
`type` first, ids in OpenAI's format, `null` where the server sends `null`. Audio is a sine-based
"voice" with seeded noise, so the base64 text has the entropy of real audio, not of silence.
"""

from __future__ import annotations

import base64
import json
import math
import random
import sys
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

SEED = 20_250_828
SAMPLE_RATE = 24_000
CHUNK_MS = 100
CHUNK_SAMPLES = SAMPLE_RATE * CHUNK_MS // 1000  # 2,400 samples
CHUNK_BYTES = CHUNK_SAMPLES * 2  # 4,800 bytes of pcm16, 6,400 base64 characters

PROTOCOLS = ("ga", "beta")
KINDS = ("audio", "small")

# Turns per stream in the full run: about 2,000-2,500 frames each.
FULL_TURNS = {"audio": 20, "small": 44}
SMOKE_TURNS = {"audio": 2, "small": 2}

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_WORDS = (
    "sure I can help with that the weather in Lisbon tomorrow looks sunny with a high of "
    "twenty two degrees and a light breeze from the north so it is a great day for a walk "
    "along the river would you like me to book a table for dinner near the castle as well "
    "your order shipped this morning and should arrive on Thursday before noon"
).split()
_USER_WORDS = (
    "what's the weather like in Lisbon tomorrow and can you check where my order is "
    "please book a table for two at eight thanks that's all for now"
).split()

# What a pcm16 chunk's wire form is: standard base64 (RFC 4648 §4) with padding.
encode_audio = base64.b64encode


def pcm_chunks(rng: random.Random, count: int) -> list[bytes]:
    """`count` chunks of 100 ms 24 kHz mono pcm16 (little-endian): a gliding two-tone "voice"
    under a syllable-rate envelope, plus seeded noise."""
    chunks = []
    phase1 = phase2 = 0.0
    for _ in range(count):
        f1 = rng.uniform(110.0, 240.0)
        f2 = f1 * rng.uniform(2.4, 3.1)
        level = rng.uniform(0.15, 0.6)
        samples = array("h", bytes(CHUNK_BYTES))
        for i in range(CHUNK_SAMPLES):
            envelope = 0.55 + 0.45 * math.sin(2 * math.pi * 4.0 * i / SAMPLE_RATE)
            value = level * envelope * (0.7 * math.sin(phase1) + 0.3 * math.sin(phase2))
            value += rng.gauss(0.0, 0.02)
            samples[i] = max(-32768, min(32767, int(value * 32767)))
            phase1 += 2 * math.pi * f1 / SAMPLE_RATE
            phase2 += 2 * math.pi * f2 / SAMPLE_RATE
        if sys.byteorder == "big":
            samples.byteswap()
        chunks.append(samples.tobytes())
    return chunks


@dataclass(frozen=True)
class Stream:
    """One stream's frames, in wire order, with each frame's `type`."""

    protocol: str
    kind: str
    frames: list[bytes]
    types: list[str]
    audio_type: str  # the protocol's audio-delta event type
    pcm: list[bytes] = field(repr=False)  # the pcm16 of each audio delta, in order

    @property
    def name(self) -> str:
        return f"{self.protocol}/{self.kind}"

    @property
    def nbytes(self) -> int:
        return sum(map(len, self.frames))

    def mix(self) -> Counter[str]:
        return Counter(self.types)

    def audio_frames(self) -> list[bytes]:
        return [f for f, t in zip(self.frames, self.types, strict=True) if t == self.audio_type]

    def describe(self) -> dict[str, Any]:
        audio = self.audio_frames()
        return {
            "name": self.name,
            "frames": len(self.frames),
            "bytes": self.nbytes,
            "mean_frame_bytes": round(self.nbytes / len(self.frames), 1),
            "audio_frames": len(audio),
            "audio_frame_bytes": round(sum(map(len, audio)) / len(audio), 1) if audio else 0,
            "types": dict(self.mix().most_common()),
        }


class _Conversation:
    """Emits the server frames of one voice-agent conversation for one protocol."""

    def __init__(self, protocol: str, kind: str, rng: random.Random, pcm: list[bytes]) -> None:
        self.ga = protocol == "ga"
        self.kind = kind
        self.rng = rng
        self.pcm_pool = pcm
        self.frames: list[bytes] = []
        self.types: list[str] = []
        self.pcm: list[bytes] = []
        self.last_item: str | None = None
        self.previous: dict[str, str | None] = {}  # item id -> the item before it
        self.conversation_id = self.id("conv")
        self.audio_ms = 0
        self.audio_type = "response.output_audio.delta" if self.ga else "response.audio.delta"

    # -- helpers ------------------------------------------------------------------------------

    def id(self, prefix: str) -> str:
        return prefix + "_" + "".join(self.rng.choices(_ALPHABET, k=21))

    def emit(self, type_: str, **fields: Any) -> None:
        frame = {"type": type_, "event_id": self.id("event"), **fields}
        self.frames.append(json.dumps(frame, separators=(",", ":")).encode())
        self.types.append(type_)

    def words(self, vocabulary: list[str], lo: int, hi: int) -> list[str]:
        start = self.rng.randrange(len(vocabulary))
        count = self.rng.randint(lo, hi)
        return [vocabulary[(start + i) % len(vocabulary)] for i in range(count)]

    def obfuscation(self) -> dict[str, str]:
        # GA text deltas carry random padding against length side channels; beta's did not.
        if not self.ga:
            return {}
        return {"obfuscation": "".join(self.rng.choices(_ALPHABET, k=self.rng.randint(3, 12)))}

    def item_added(self, item: dict[str, Any]) -> None:
        self.previous[item["id"]] = self.last_item
        if self.ga:
            self.emit("conversation.item.added", previous_item_id=self.last_item, item=item)
        else:
            self.emit("conversation.item.created", previous_item_id=self.last_item, item=item)
        self.last_item = item["id"]

    def item_done(self, item: dict[str, Any]) -> None:
        if self.ga:  # beta has no conversation.item.done
            self.emit(
                "conversation.item.done", previous_item_id=self.previous[item["id"]], item=item
            )

    # -- objects ------------------------------------------------------------------------------

    def session(self, updated: bool) -> dict[str, Any]:
        instructions = (
            "You are a helpful, witty and friendly voice assistant for Contoso. Keep answers "
            "short, speak quickly, and call a function whenever one fits the request."
        )
        tools = [
            {
                "type": "function",
                "name": "get_weather",
                "description": "Get the current weather for a city.",
                "parameters": {
                    "type": "object",
                    "properties": {
                        "location": {"type": "string", "description": "City and country"},
                        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                    },
                    "required": ["location"],
                },
            },
            {
                "type": "function",
                "name": "lookup_order",
                "description": "Look up an order by its number.",
                "parameters": {
                    "type": "object",
                    "properties": {"order_id": {"type": "string"}},
                    "required": ["order_id"],
                },
            },
        ]
        vad = {
            "type": "server_vad",
            "threshold": 0.5,
            "prefix_padding_ms": 300,
            "silence_duration_ms": 500,
            "idle_timeout_ms": None,
            "create_response": True,
            "interrupt_response": True,
        }
        if self.ga:
            pcm = {"type": "audio/pcm", "rate": 24000}
            return {
                "type": "realtime",
                "object": "realtime.session",
                "id": "sess_C9G5QPteg4UIbotdKLoYQ",
                "model": "gpt-realtime",
                "output_modalities": ["audio"],
                "instructions": instructions,
                "tools": tools if updated else [],
                "tool_choice": "auto",
                "max_output_tokens": "inf",
                "tracing": None,
                "truncation": "auto",
                "prompt": None,
                "expires_at": 1756324625,
                "audio": {
                    "input": {
                        "format": pcm,
                        "transcription": {"model": "gpt-4o-mini-transcribe", "language": "en"}
                        if updated
                        else None,
                        "noise_reduction": {"type": "near_field"} if updated else None,
                        "turn_detection": vad,
                    },
                    "output": {"format": pcm, "voice": "marin", "speed": 1.0},
                },
                "include": None,
            }
        return {
            "id": "sess_C9G5QPteg4UIbotdKLoYQ",
            "object": "realtime.session",
            "expires_at": 1756324625,
            "input_audio_noise_reduction": {"type": "near_field"} if updated else None,
            "turn_detection": vad,
            "input_audio_format": "pcm16",
            "input_audio_transcription": {"model": "gpt-4o-transcribe", "language": "en"}
            if updated
            else None,
            "client_secret": None,
            "include": None,
            "model": "gpt-4o-realtime-preview-2025-06-03",
            "modalities": ["audio", "text"],
            "instructions": instructions,
            "voice": "alloy",
            "output_audio_format": "pcm16",
            "tool_choice": "auto",
            "temperature": 0.8,
            "max_response_output_tokens": "inf",
            "speed": 1.1,
            "tracing": None,
            "tools": tools if updated else [],
        }

    def response(
        self, rid: str, status: str, output: list[dict[str, Any]], text: bool
    ) -> dict[str, Any]:
        modalities = ["text"] if text else ["audio"]
        usage = None
        if status != "in_progress":
            audio_tokens = self.rng.randint(40, 400)
            text_tokens = self.rng.randint(10, 80)
            input_tokens = self.rng.randint(200, 3000)
            cached = self.rng.randrange(0, input_tokens, 64)
            usage = {
                "total_tokens": input_tokens + audio_tokens + text_tokens,
                "input_tokens": input_tokens,
                "output_tokens": audio_tokens + text_tokens,
                "input_token_details": {
                    "text_tokens": input_tokens // 2,
                    "audio_tokens": input_tokens - input_tokens // 2,
                    "image_tokens": 0,
                    "cached_tokens": cached,
                    "cached_tokens_details": {
                        "text_tokens": cached // 2,
                        "audio_tokens": cached - cached // 2,
                        "image_tokens": 0,
                    },
                },
                "output_token_details": {"text_tokens": text_tokens, "audio_tokens": audio_tokens},
            }
        if self.ga:
            return {
                "object": "realtime.response",
                "id": rid,
                "status": status,
                "status_details": None,
                "output": output,
                "conversation_id": self.conversation_id,
                "output_modalities": modalities,
                "max_output_tokens": "inf",
                "audio": {
                    "output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "marin"}
                },
                "usage": usage,
                "metadata": None,
            }
        return {
            "object": "realtime.response",
            "id": rid,
            "status": status,
            "status_details": None,
            "output": output,
            "conversation_id": self.conversation_id,
            "modalities": ["text"] if text else ["text", "audio"],
            "voice": "alloy",
            "output_audio_format": "pcm16",
            "temperature": 0.8,
            "max_output_tokens": "inf",
            "usage": usage,
            "metadata": None,
        }

    def message(self, iid: str, role: str, status: str, content: list[Any]) -> dict[str, Any]:
        return {
            "id": iid,
            "object": "realtime.item",
            "type": "message",
            "status": status,
            "role": role,
            "content": content,
        }

    # -- the conversation ---------------------------------------------------------------------

    def run(self, turns: int) -> None:
        self.emit("session.created", session=self.session(updated=False))
        self.emit("session.updated", session=self.session(updated=True))
        for turn in range(turns):
            text = self.kind == "small" and turn % 2 == 1
            self.user_turn()
            if self.rng.random() < 0.3:
                self.function_call_response()
            self.assistant_response(text=text)

    def user_turn(self) -> None:
        iid = self.id("item")
        start = self.audio_ms + self.rng.randint(200, 1500)
        self.audio_ms = start + self.rng.randint(800, 4000)
        self.emit("input_audio_buffer.speech_started", audio_start_ms=start, item_id=iid)
        self.emit("input_audio_buffer.speech_stopped", audio_end_ms=self.audio_ms, item_id=iid)
        self.emit("input_audio_buffer.committed", previous_item_id=self.last_item, item_id=iid)
        pending = [{"type": "input_audio", "transcript": None}]
        self.item_added(self.message(iid, "user", "completed", pending))
        self.item_done(self.message(iid, "user", "completed", pending))
        words = self.words(_USER_WORDS, 4, 14)
        for i, word in enumerate(words):  # the deltas join to the transcript exactly
            self.emit(
                "conversation.item.input_audio_transcription.delta",
                item_id=iid,
                content_index=0,
                delta=word if i == 0 else " " + word,
                **self.obfuscation(),
            )
        audio_tokens = self.rng.randint(20, 120)
        usage = {
            "type": "tokens",
            "total_tokens": audio_tokens + len(words) * 2,
            "input_tokens": audio_tokens,
            "input_token_details": {"text_tokens": 0, "audio_tokens": audio_tokens},
            "output_tokens": len(words) * 2,
        }
        self.emit(
            "conversation.item.input_audio_transcription.completed",
            item_id=iid,
            content_index=0,
            transcript=" ".join(words),
            usage=usage,
        )

    def rate_limits(self) -> None:
        self.emit(
            "rate_limits.updated",
            rate_limits=[
                {"name": "requests", "limit": 5000, "remaining": 4999, "reset_seconds": 0.012},
                {
                    "name": "tokens",
                    "limit": 800000,
                    "remaining": self.rng.randint(700000, 799000),
                    "reset_seconds": round(self.rng.uniform(0.1, 6.0), 3),
                },
            ],
        )

    def function_call_response(self) -> None:
        rid, iid, call = self.id("resp"), self.id("item"), "call_" + self.id("x")[2:18]
        self.emit("response.created", response=self.response(rid, "in_progress", [], False))
        name, args = self.rng.choice(
            [
                ("get_weather", '{"location":"Lisbon, Portugal","unit":"celsius"}'),
                ("lookup_order", '{"order_id":"ORD-48213-PT"}'),
            ]
        )
        item = {
            "id": iid,
            "object": "realtime.item",
            "type": "function_call",
            "status": "in_progress",
            "name": name,
            "call_id": call,
            "arguments": "",
        }
        self.emit("response.output_item.added", response_id=rid, output_index=0, item=item)
        self.item_added(item)
        pieces = [args[i : i + 7] for i in range(0, len(args), 7)]
        for piece in pieces:
            self.emit(
                "response.function_call_arguments.delta",
                response_id=rid,
                item_id=iid,
                output_index=0,
                call_id=call,
                delta=piece,
            )
        self.emit(
            "response.function_call_arguments.done",
            response_id=rid,
            item_id=iid,
            output_index=0,
            call_id=call,
            name=name,
            arguments=args,
        )
        done = {**item, "status": "completed", "arguments": args}
        self.item_done(done)
        self.emit("response.output_item.done", response_id=rid, output_index=0, item=done)
        self.emit("response.done", response=self.response(rid, "completed", [done], False))
        self.rate_limits()
        # The client answers with a function_call_output item; the server echoes it.
        out = {
            "id": self.id("item"),
            "object": "realtime.item",
            "type": "function_call_output",
            "call_id": call,
            "output": '{"temperature_c":22,"conditions":"sunny","humidity":0.41}',
        }
        self.item_added(out)
        self.item_done(out)

    def assistant_response(self, text: bool) -> None:
        rid, iid = self.id("resp"), self.id("item")
        self.emit("response.created", response=self.response(rid, "in_progress", [], text))
        item = self.message(iid, "assistant", "in_progress", [])
        self.emit("response.output_item.added", response_id=rid, output_index=0, item=item)
        self.item_added(item)
        where = {"response_id": rid, "item_id": iid, "output_index": 0, "content_index": 0}
        part_type = "text" if text else "audio"
        empty = {"type": part_type, "text": ""} if text else {"type": "audio", "transcript": ""}
        self.emit("response.content_part.added", **where, part=empty)
        # Speech runs at about three words a second, against ten 100 ms audio chunks.
        chunks = 0 if text or self.kind != "audio" else self.rng.randint(30, 80)
        words = self.words(_WORDS, max(3, chunks * 3 // 10), max(4, chunks * 4 // 10))
        if not chunks:
            words = self.words(_WORDS, 12, 40)
        transcript = " ".join(words)
        if text:
            delta_type = "response.output_text.delta" if self.ga else "response.text.delta"
            for i, word in enumerate(words):
                self.emit(delta_type, **where, delta=word if i == 0 else " " + word)
            done_type = "response.output_text.done" if self.ga else "response.text.done"
            self.emit(done_type, **where, text=transcript)
            part = {"type": "text", "text": transcript}
            content = {"type": "output_text" if self.ga else "text", "text": transcript}
        else:
            self.stream_audio(where, words, chunks)
            self.emit("response.output_audio.done" if self.ga else "response.audio.done", **where)
            self.emit(
                "response.output_audio_transcript.done"
                if self.ga
                else "response.audio_transcript.done",
                **where,
                transcript=transcript,
            )
            part = {"type": "audio", "transcript": transcript}
            content = {"type": "output_audio" if self.ga else "audio", "transcript": transcript}
        self.emit("response.content_part.done", **where, part=part)
        done = self.message(iid, "assistant", "completed", [content])
        self.item_done(done)
        self.emit("response.output_item.done", response_id=rid, output_index=0, item=done)
        self.emit("response.done", response=self.response(rid, "completed", [done], text))
        self.rate_limits()

    def stream_audio(self, where: dict[str, Any], words: list[str], chunks: int) -> None:
        """`chunks` audio deltas with a transcript delta about every third one; with no audio
        (the small stream) the transcript deltas alone."""
        transcript_type = (
            "response.output_audio_transcript.delta"
            if self.ga
            else "response.audio_transcript.delta"
        )
        pending = iter([words[0], *(" " + word for word in words[1:])] if words else [])
        for i in range(max(chunks, 1)):
            if chunks:
                pcm = self.rng.choice(self.pcm_pool)
                self.pcm.append(pcm)
                self.emit(self.audio_type, **where, delta=encode_audio(pcm).decode("ascii"))
            if i % 3 == 0 or not chunks:
                for piece in _take(pending, 1 if chunks else len(words)):
                    self.emit(transcript_type, **where, delta=piece, **self.obfuscation())
        for piece in pending:  # whatever the audio outlasted
            self.emit(transcript_type, **where, delta=piece, **self.obfuscation())


def _take(items: Iterator[str], n: int) -> list[str]:
    out = []
    for _ in range(n):
        try:
            out.append(next(items))
        except StopIteration:
            break
    return out


_PCM_POOL: list[bytes] = []


def pcm_pool() -> list[bytes]:
    """64 distinct 100 ms chunks, built once per process from the fixed seed."""
    if not _PCM_POOL:
        _PCM_POOL.extend(pcm_chunks(random.Random(SEED), 64))
    return _PCM_POOL


def build(protocol: str, kind: str, turns: int) -> Stream:
    """The `kind` stream of `protocol` with `turns` user turns; the same arguments give the same
    bytes on every machine."""
    rng = random.Random(f"{SEED}/{protocol}/{kind}")
    conversation = _Conversation(protocol, kind, rng, pcm_pool())
    conversation.run(turns)
    return Stream(
        protocol=protocol,
        kind=kind,
        frames=conversation.frames,
        types=conversation.types,
        audio_type=conversation.audio_type,
        pcm=conversation.pcm,
    )


def build_all(smoke: bool = False) -> dict[tuple[str, str], Stream]:
    turns = SMOKE_TURNS if smoke else FULL_TURNS
    return {(p, k): build(p, k, turns[k]) for p in PROTOCOLS for k in KINDS}
