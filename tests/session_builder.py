"""Write the session captures of tests/fixtures/<protocol>/sessions/: realistic multi-turn
conversations as JSON Lines (client and server events in wire order), each with what its final
conversation state and anomalies must be.

    python -m tests.session_builder     # rewrites the files (tests/test_conversation.py checks
                                        # that they are what this writes)

The expectations come from what each scenario says happened (the user said X, the assistant
spoke Y in N audio chunks, the client truncated at T ms), never from running the reducer. Frame
shapes follow the published examples and the bench streams: ids in OpenAI's format, `null`
where the server sends `null`, GA vs beta vocabulary. A broken variant is a scenario with one
defect put in on purpose (a dropped delta, a done before its last delta, a delta for an item
that does not exist, a truncation past the audio), and lists exactly the anomalies it causes.
"""

from __future__ import annotations

import base64
import json
import math
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
CHUNK_MS = 20  # each audio delta and append: 20 ms
FORMATS = {  # format -> (GA wire object, beta name, bytes per ms)
    "pcm16": ({"type": "audio/pcm", "rate": 24000}, "pcm16", 48),
    "ulaw": ({"type": "audio/pcmu"}, "g711_ulaw", 8),
}
FORMAT_NAME = {
    ("ga", "pcm16"): "audio/pcm",
    ("ga", "ulaw"): "audio/pcmu",
    ("beta", "pcm16"): "pcm16",
    ("beta", "ulaw"): "g711_ulaw",
}


def audio(rng: random.Random, ms: int, fmt: str) -> bytes:
    """`ms` of a two-tone "voice" in pcm16 (24 kHz) or G.711 mu-law (8 kHz) bytes."""
    if fmt == "pcm16":
        f1 = rng.uniform(120, 240)
        out = bytearray()
        for i in range(ms * 24):
            value = 0.3 * math.sin(2 * math.pi * f1 * i / 24000) + rng.gauss(0, 0.01)
            out += int(max(-1.0, min(1.0, value)) * 32767).to_bytes(2, "little", signed=True)
        return bytes(out)
    return bytes(rng.randrange(256) for _ in range(ms * 8))  # mu-law bytes: any byte is valid


@dataclass
class Expect:
    """What the final state must hold (compared as a subset of `Conversation.snapshot()`)."""

    items: list[dict[str, Any]] = field(default_factory=list)  # in conversation order
    other_items: list[dict[str, Any]] = field(default_factory=list)
    responses: list[dict[str, Any]] = field(default_factory=list)
    input_audio: dict[str, Any] = field(default_factory=dict)
    anomalies: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


class Session:
    """One capture being written: its frames and what they must leave in the state."""

    def __init__(self, protocol: str, name: str, description: str, fmt: str = "pcm16") -> None:
        self.protocol, self.name, self.description = protocol, name, description
        self.ga = protocol == "ga"
        self.rng = random.Random(f"{protocol}/{name}")
        self.fmt = fmt
        self.frames: list[dict[str, Any]] = []
        self.expect = Expect()
        self.last_item: str | None = None  # the conversation's last item
        self.audio_ms = 0  # input audio appended in the session
        self.buffered = 0  # input audio bytes since the last commit
        self.appended = 0
        self.committed: list[str] = []
        self.items: dict[str, dict[str, Any]] = {}  # expected items by id
        self.calls: dict[str, str] = {}  # function name -> call_id

    # -- frames ----------------------------------------------------------------------------------

    def id(self, prefix: str) -> str:
        return prefix + "_" + "".join(self.rng.choices(ALPHABET, k=21))

    def server(self, type_: str, **fields: Any) -> int:
        self.frames.append({"type": type_, "event_id": self.id("event"), **fields})
        return len(self.frames) - 1

    def client(self, type_: str, **fields: Any) -> int:
        self.frames.append({"type": type_, "event_id": self.id("evt"), **fields})
        return len(self.frames) - 1

    @property
    def bpm(self) -> int:
        return FORMATS[self.fmt][2]

    def item_event(self, item: dict[str, Any], done: bool = False) -> None:
        """conversation.item.added (and .done) in GA, conversation.item.created in beta."""
        previous = self.last_item if item["id"] not in self.order() else self.before(item["id"])
        if not done:
            kind = "conversation.item.added" if self.ga else "conversation.item.created"
            self.server(kind, previous_item_id=previous, item=item)
            if item["id"] not in self.order():
                self.place(item["id"])
        elif self.ga:
            self.server("conversation.item.done", previous_item_id=previous, item=item)

    def order(self) -> list[str]:
        return [i["id"] for i in self.expect.items]

    def before(self, item_id: str) -> str | None:
        order = self.order()
        at = order.index(item_id)
        return order[at - 1] if at else None

    def place(self, item_id: str) -> None:
        expected = self.items[item_id]
        if expected in self.expect.other_items:
            self.expect.other_items.remove(expected)
        self.expect.items.append(expected)
        self.last_item = item_id

    def expect_item(self, item_id: str, conversation: bool, **fields: Any) -> dict[str, Any]:
        entry = self.items.setdefault(item_id, {"id": item_id})
        entry.update(fields)
        if not conversation and entry not in self.expect.other_items:
            self.expect.other_items.append(entry)
        return entry

    # -- session ---------------------------------------------------------------------------------

    def session(self, kind: str = "realtime", tools: list[dict[str, Any]] | None = None) -> None:
        ga_format, beta_format, _ = FORMATS[self.fmt]
        vad = {
            "type": "server_vad",
            "threshold": 0.5,
            "prefix_padding_ms": 300,
            "silence_duration_ms": 500,
            "idle_timeout_ms": None,
            "create_response": True,
            "interrupt_response": True,
        }
        sid = self.id("sess")
        if self.ga and kind == "transcription":
            session: dict[str, Any] = {
                "type": "transcription",
                "object": "realtime.transcription_session",
                "id": sid,
                "expires_at": 1756324625,
                "include": None,
                "audio": {
                    "input": {
                        "format": ga_format,
                        "noise_reduction": None,
                        "transcription": {"model": "gpt-4o-transcribe", "language": "en"},
                        "turn_detection": vad,
                    }
                },
            }
            self.server("session.created", session=session)
        elif kind == "transcription":
            session = {
                "id": sid,
                "object": "realtime.transcription_session",
                "modalities": ["text"],
                "input_audio_format": beta_format,
                "turn_detection": vad,
                "input_audio_transcription": {"model": "gpt-4o-transcribe", "language": "en"},
                "input_audio_noise_reduction": None,
                "include": None,
                "client_secret": None,
            }
            self.server("transcription_session.created", session=session)
        elif self.ga:
            session = {
                "type": "realtime",
                "object": "realtime.session",
                "id": sid,
                "model": "gpt-realtime",
                "output_modalities": ["audio"],
                "instructions": "You are a helpful voice assistant. Keep answers short.",
                "tools": tools or [],
                "tool_choice": "auto",
                "max_output_tokens": "inf",
                "tracing": None,
                "truncation": "auto",
                "prompt": None,
                "expires_at": 1756324625,
                "audio": {
                    "input": {
                        "format": ga_format,
                        "transcription": {"model": "gpt-4o-transcribe"},
                        "noise_reduction": None,
                        "turn_detection": vad,
                    },
                    "output": {"format": ga_format, "voice": "marin", "speed": 1.0},
                },
                "include": None,
            }
            self.server("session.created", session=session)
        else:
            session = {
                "id": sid,
                "object": "realtime.session",
                "model": "gpt-4o-realtime-preview",
                "expires_at": 1756324625,
                "modalities": ["audio", "text"],
                "instructions": "You are a helpful voice assistant. Keep answers short.",
                "voice": "alloy",
                "input_audio_format": beta_format,
                "output_audio_format": beta_format,
                "input_audio_transcription": {"model": "gpt-4o-transcribe"},
                "turn_detection": vad,
                "input_audio_noise_reduction": None,
                "tools": tools or [],
                "tool_choice": "auto",
                "temperature": 0.8,
                "max_response_output_tokens": "inf",
                "speed": 1.0,
                "tracing": None,
                "client_secret": None,
                "include": None,
            }
            self.server("session.created", session=session)
        self.expect.extra["session"] = {"id": sid}
        name = FORMAT_NAME[(self.protocol, self.fmt)]
        self.expect.extra["audio_formats"] = {"input": name, "output": name}

    # -- the user --------------------------------------------------------------------------------

    def append_audio(self, ms: int) -> None:
        for _ in range(ms // CHUNK_MS):
            chunk = audio(self.rng, CHUNK_MS, self.fmt)
            self.client("input_audio_buffer.append", audio=base64.b64encode(chunk).decode())
            self.buffered += len(chunk)
            self.appended += len(chunk)
            self.audio_ms += CHUNK_MS

    def speech(self, words: str, ms: int = 200, conversation: bool = True) -> str:
        """The user speaks: appends, VAD, commit, the user item, its transcription."""
        iid = self.id("item")
        self.append_audio(60)  # silence before speech
        start = self.audio_ms
        self.server("input_audio_buffer.speech_started", audio_start_ms=start, item_id=iid)
        self.append_audio(ms)
        self.server("input_audio_buffer.speech_stopped", audio_end_ms=self.audio_ms, item_id=iid)
        self.server("input_audio_buffer.committed", previous_item_id=self.last_item, item_id=iid)
        self.committed.append(iid)
        part: dict[str, Any] = {"type": "input_audio", "audio_bytes": self.buffered}
        self.buffered = 0
        entry = self.expect_item(
            iid,
            conversation,
            type="message",
            role="user",
            content=[part],
            **({"status": "completed"} if conversation else {}),
        )
        if conversation:
            item = {
                "id": iid,
                "object": "realtime.item",
                "type": "message",
                "status": "completed",
                "role": "user",
                "content": [{"type": "input_audio", "transcript": None}],
            }
            self.item_event(item)
            self.item_event(item, done=True)
        pieces = _pieces(words)
        for piece in pieces:
            extra = {"obfuscation": "".join(self.rng.choices(ALPHABET, k=8))} if self.ga else {}
            self.server(
                "conversation.item.input_audio_transcription.delta",
                item_id=iid,
                content_index=0,
                delta=piece,
                **extra,
            )
        usage = {
            "type": "tokens",
            "total_tokens": 30,
            "input_tokens": 20,
            "input_token_details": {"text_tokens": 0, "audio_tokens": 20},
            "output_tokens": 10,
        }
        self.server(
            "conversation.item.input_audio_transcription.completed",
            item_id=iid,
            content_index=0,
            transcript=words,
            usage=usage,
        )
        part["transcript"] = words
        del entry  # (kept in self.items)
        return iid

    def typed(self, text: str) -> str:
        """The user types: conversation.item.create, and the server's echo."""
        iid = self.id("item")
        content = [{"type": "input_text", "text": text}]
        self.client(
            "conversation.item.create", item={"type": "message", "role": "user", "content": content}
        )
        item = {
            "id": iid,
            "object": "realtime.item",
            "type": "message",
            "status": "completed",
            "role": "user",
            "content": content,
        }
        self.expect_item(
            iid,
            True,
            type="message",
            role="user",
            status="completed",
            content=[{"type": "input_text", "text": text}],
        )
        self.item_event(item)
        self.item_event(item, done=True)
        return iid

    # -- responses -------------------------------------------------------------------------------

    def response_object(
        self,
        rid: str,
        status: str,
        output: list[dict[str, Any]],
        usage: dict[str, Any] | None,
        conversation: bool = True,
        metadata: dict[str, str] | None = None,
        details: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        conversation_id = "conv_" + "A" * 21 if conversation else None
        if self.ga:
            return {
                "object": "realtime.response",
                "id": rid,
                "status": status,
                "status_details": details,
                "output": output,
                "conversation_id": conversation_id,
                "output_modalities": ["audio"],
                "max_output_tokens": "inf",
                "audio": {"output": {"format": FORMATS[self.fmt][0], "voice": "marin"}},
                "usage": usage,
                "metadata": metadata,
            }
        return {
            "object": "realtime.response",
            "id": rid,
            "status": status,
            "status_details": details,
            "output": output,
            "conversation_id": conversation_id,
            "modalities": ["text", "audio"],
            "voice": "alloy",
            "output_audio_format": FORMATS[self.fmt][1],
            "temperature": 0.8,
            "max_output_tokens": "inf",
            "usage": usage,
            "metadata": metadata,
        }

    def usage(self) -> dict[str, Any]:
        a, t, i = self.rng.randint(40, 200), self.rng.randint(5, 40), self.rng.randint(100, 900)
        return {
            "total_tokens": a + t + i,
            "input_tokens": i,
            "output_tokens": a + t,
            "input_token_details": {
                "text_tokens": i // 2,
                "audio_tokens": i - i // 2,
                "image_tokens": 0,
                "cached_tokens": 0,
                "cached_tokens_details": {"text_tokens": 0, "audio_tokens": 0, "image_tokens": 0},
            },
            "output_token_details": {"text_tokens": t, "audio_tokens": a},
        }

    def respond(
        self,
        outputs: list[Callable[[str, int], dict[str, Any]]],
        *,
        conversation: bool = True,
        metadata: dict[str, str] | None = None,
        status: str = "completed",
        details: dict[str, Any] | None = None,
        after: Callable[[], None] | None = None,
    ) -> str:
        """One response: response.created, each output (a function that streams one item and
        returns its final form), response.done."""
        rid = self.id("resp")
        self.server(
            "response.created",
            response=self.response_object(rid, "in_progress", [], None, conversation, metadata),
        )
        done_items = [make(rid, index) for index, make in enumerate(outputs)]
        if after is not None:
            after()
        usage = self.usage()
        self.server(
            "response.done",
            response=self.response_object(
                rid, status, done_items, usage, conversation, metadata, details
            ),
        )
        expected: dict[str, Any] = {
            "id": rid,
            "status": status,
            "done": True,
            "usage": usage,
            "output_item_ids": [i["id"] for i in done_items],
        }
        if metadata is not None:
            expected["metadata"] = metadata
        self.expect.responses.append(expected)
        self.server(
            "rate_limits.updated",
            rate_limits=[
                {"name": "requests", "limit": 5000, "remaining": 4999, "reset_seconds": 0.012},
                {"name": "tokens", "limit": 40000, "remaining": 39000, "reset_seconds": 1.5},
            ],
        )
        return rid

    def output_item_added(
        self, rid: str, index: int, item: dict[str, Any], conversation: bool
    ) -> None:
        self.server("response.output_item.added", response_id=rid, output_index=index, item=item)
        self.expect_item(
            item["id"], conversation, type=item["type"], response_id=rid, output_index=index
        )
        if conversation:
            self.item_event(item)

    def spoken(
        self,
        text: str,
        chunks: int,
        *,
        conversation: bool = True,
        interrupt: Callable[[str, str, int], None] | None = None,
        status: str = "completed",
    ) -> Callable[[str, int], dict[str, Any]]:
        """An assistant audio message: `chunks` audio deltas of 20 ms with the transcript."""

        def make(rid: str, index: int) -> dict[str, Any]:
            iid = self.id("item")
            item = {
                "id": iid,
                "object": "realtime.item",
                "type": "message",
                "status": "in_progress",
                "role": "assistant",
                "content": [],
            }
            self.output_item_added(rid, index, item, conversation)
            where = {"response_id": rid, "item_id": iid, "output_index": index, "content_index": 0}
            self.server(
                "response.content_part.added", **where, part={"type": "audio", "transcript": ""}
            )
            audio_type = "response.output_audio" if self.ga else "response.audio"
            transcript_type = (
                "response.output_audio_transcript" if self.ga else "response.audio_transcript"
            )
            pieces = iter(_pieces(text))
            sent = 0
            for chunk_index in range(chunks):
                chunk = audio(self.rng, CHUNK_MS, self.fmt)
                sent += len(chunk)
                self.server(f"{audio_type}.delta", **where, delta=base64.b64encode(chunk).decode())
                if chunk_index % 2 == 0:
                    for piece in _take(pieces, 1):
                        self.server(
                            f"{transcript_type}.delta", **where, delta=piece, **self.obfuscation()
                        )
                if interrupt is not None and chunk_index == chunks - 1:
                    interrupt(rid, iid, sent)
            for piece in pieces:
                self.server(f"{transcript_type}.delta", **where, delta=piece, **self.obfuscation())
            self.server(f"{audio_type}.done", **where)
            self.server(f"{transcript_type}.done", **where, transcript=text)
            self.server(
                "response.content_part.done", **where, part={"type": "audio", "transcript": text}
            )
            final = {
                **item,
                "status": status,
                "content": [{"type": "output_audio" if self.ga else "audio", "transcript": text}],
            }
            if conversation:
                self.item_event(final, done=True)
            self.server(
                "response.output_item.done", response_id=rid, output_index=index, item=final
            )
            entry = self.items[iid]
            entry.update(role="assistant", status=status)
            part = {
                "type": "output_audio" if self.ga else "audio",
                "transcript": text,
                "audio_bytes": sent,
            }
            entry.setdefault("content", [part])
            return final

        return make

    def written(
        self, text: str, *, conversation: bool = True
    ) -> Callable[[str, int], dict[str, Any]]:
        """An assistant text message."""

        def make(rid: str, index: int) -> dict[str, Any]:
            iid = self.id("item")
            item = {
                "id": iid,
                "object": "realtime.item",
                "type": "message",
                "status": "in_progress",
                "role": "assistant",
                "content": [],
            }
            self.output_item_added(rid, index, item, conversation)
            where = {"response_id": rid, "item_id": iid, "output_index": index, "content_index": 0}
            self.server("response.content_part.added", **where, part={"type": "text", "text": ""})
            kind = "response.output_text" if self.ga else "response.text"
            for piece in _pieces(text):
                self.server(f"{kind}.delta", **where, delta=piece, **self.obfuscation())
            self.server(f"{kind}.done", **where, text=text)
            self.server("response.content_part.done", **where, part={"type": "text", "text": text})
            final = {
                **item,
                "status": "completed",
                "content": [{"type": "output_text" if self.ga else "text", "text": text}],
            }
            if conversation:
                self.item_event(final, done=True)
            self.server(
                "response.output_item.done", response_id=rid, output_index=index, item=final
            )
            self.items[iid].update(
                role="assistant",
                status="completed",
                content=[{"type": "output_text" if self.ga else "text", "text": text}],
            )
            return final

        return make

    def call(self, name: str, arguments: str) -> Callable[[str, int], dict[str, Any]]:
        """A function call, its arguments streamed."""

        def make(rid: str, index: int) -> dict[str, Any]:
            iid, call_id = self.id("item"), "call_" + self.id("x")[2:18]
            item = {
                "id": iid,
                "object": "realtime.item",
                "type": "function_call",
                "status": "in_progress",
                "name": name,
                "call_id": call_id,
                "arguments": "",
            }
            self.output_item_added(rid, index, item, True)
            where = {"response_id": rid, "item_id": iid, "output_index": index, "call_id": call_id}
            for at in range(0, len(arguments), 9):
                self.server(
                    "response.function_call_arguments.delta", **where, delta=arguments[at : at + 9]
                )
            self.server(
                "response.function_call_arguments.done", **where, name=name, arguments=arguments
            )
            final = {**item, "status": "completed", "arguments": arguments}
            self.item_event(final, done=True)
            self.server(
                "response.output_item.done", response_id=rid, output_index=index, item=final
            )
            self.items[iid].update(
                status="completed", name=name, call_id=call_id, arguments=arguments
            )
            self.calls[name] = call_id
            return final

        return make

    def tool_result(self, name: str, output: str) -> str:
        call_id = self.calls[name]
        self.client(
            "conversation.item.create",
            item={"type": "function_call_output", "call_id": call_id, "output": output},
        )
        iid = self.id("item")
        item = {
            "id": iid,
            "object": "realtime.item",
            "type": "function_call_output",
            "call_id": call_id,
            "output": output,
        }
        self.expect_item(iid, True, type="function_call_output", call_id=call_id, output=output)
        self.item_event(item)
        self.item_event(item, done=True)
        self.client("response.create")
        return iid

    def obfuscation(self) -> dict[str, str]:
        return {"obfuscation": "".join(self.rng.choices(ALPHABET, k=6))} if self.ga else {}

    # -- the result ------------------------------------------------------------------------------

    def files(self) -> dict[str, str]:
        lines = "".join(json.dumps(frame, separators=(",", ":")) + "\n" for frame in self.frames)
        self.expect.input_audio.update(
            committed=self.committed, appended_bytes=self.appended, buffered_bytes=self.buffered
        )
        expected = {
            "description": self.description,
            "events": len(self.frames),
            **self.expect.extra,
            "items": self.expect.items,
            "other_items": self.expect.other_items,
            "responses": self.expect.responses,
            "input_audio": self.expect.input_audio,
            "anomalies": self.expect.anomalies,
        }
        base = f"{self.protocol}/sessions/{self.name}"
        return {
            f"{base}.jsonl": lines,
            f"{base}.expected.json": json.dumps(expected, indent=1) + "\n",
        }


def _pieces(text: str) -> list[str]:
    """Deltas as the server cuts them: a word each, the space leading; they join to `text`."""
    words = text.split(" ")
    return [words[0]] + [" " + w for w in words[1:]]


def _take(items: Any, n: int) -> list[str]:
    out = []
    for _ in range(n):
        try:
            out.append(next(items))
        except StopIteration:
            break
    return out


# -- scenarios ------------------------------------------------------------------------------------


def voice_turn(protocol: str) -> Session:
    s = Session(
        protocol,
        "voice_turn",
        "Two voice turns: the user speaks (appended audio, server "
        "VAD, commit, transcription), the assistant answers in audio with its transcript.",
    )
    s.session()
    s.speech("What's the weather like in Lisbon tomorrow?")
    s.respond([s.spoken("Tomorrow in Lisbon it will be sunny and twenty two degrees.", 12)])
    s.speech("And on Sunday?", ms=120)
    s.respond([s.spoken("Sunday looks cloudy, with a chance of rain in the evening.", 10)])
    return s


def function_call(protocol: str) -> Session:
    s = Session(
        protocol,
        "function_call",
        "A typed question, a function call whose arguments "
        "stream in, the client's function_call_output, and the assistant's text answer.",
    )
    tool = {
        "type": "function",
        "name": "lookup_order",
        "description": "Look up an order.",
        "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}},
    }
    s.session(tools=[tool])
    s.typed("Where is my order ORD-48213?")
    s.client("response.create")
    s.respond([s.call("lookup_order", '{"order_id":"ORD-48213"}')])
    s.tool_result("lookup_order", '{"status":"shipped","eta":"Thursday"}')
    s.respond([s.written("Your order shipped and arrives on Thursday.")])
    return s


def barge_in(protocol: str, past_end: bool = False) -> Session:
    name = "broken_truncation_past_end" if past_end else "barge_in"
    s = Session(
        protocol,
        name,
        "G.711 mu-law audio. The user interrupts the assistant: speech "
        "starts while it speaks, the response is cancelled, and the client truncates the "
        "assistant's audio at what was played."
        + (
            " Broken: the truncation's audio_end_ms is past the audio received." if past_end else ""
        ),
        fmt="ulaw",
    )
    s.session()
    s.speech("Tell me a long story about the sea.")
    interrupted: dict[str, Any] = {}

    def interrupt(rid: str, iid: str, sent: int) -> None:
        interrupted.update(rid=rid, iid=iid, sent=sent, user=s.id("item"))
        s.append_audio(60)  # the microphone streams on while the assistant speaks
        s.server(
            "input_audio_buffer.speech_started",
            audio_start_ms=s.audio_ms - 40,
            item_id=interrupted["user"],
        )

    text = "Once upon a time, a lighthouse keeper watched the waves"
    s.respond(
        [s.spoken(text, 10, interrupt=interrupt, status="incomplete")],
        status="cancelled",
        details={"type": "cancelled", "reason": "turn_detected"},
    )
    played_ms = 120
    end_ms = 5000 if past_end else played_ms
    s.client(
        "conversation.item.truncate",
        item_id=interrupted["iid"],
        content_index=0,
        audio_end_ms=end_ms,
    )
    at = s.server(
        "conversation.item.truncated",
        item_id=interrupted["iid"],
        content_index=0,
        audio_end_ms=end_ms,
    )
    part = s.items[interrupted["iid"]]["content"][0]
    part["truncated_at_ms"] = end_ms
    if past_end:
        received = interrupted["sent"] * 1000 // (8 * 1000)  # mu-law: 8 bytes per ms
        s.expect.anomalies.append(
            {
                "type": "truncation_past_end",
                "index": at,
                "event_type": "conversation.item.truncated",
                "path": "$.audio_end_ms",
                "expected": f"at most {received:g} ms",
                "got": end_ms,
            }
        )
    else:
        part["audio_bytes"] = played_ms * s.bpm
    # The speech that interrupted goes on: a new user turn (its started event came above).
    s.append_audio(100)
    iid = interrupted["user"]
    s.server("input_audio_buffer.speech_stopped", audio_end_ms=s.audio_ms, item_id=iid)
    s.server("input_audio_buffer.committed", previous_item_id=s.last_item, item_id=iid)
    s.committed.append(iid)
    s.expect_item(
        iid,
        True,
        type="message",
        role="user",
        status="completed",
        content=[
            {
                "type": "input_audio",
                "audio_bytes": s.buffered,
                "transcript": "Actually, make it short.",
            }
        ],
    )
    s.buffered = 0
    item = {
        "id": iid,
        "object": "realtime.item",
        "type": "message",
        "status": "completed",
        "role": "user",
        "content": [{"type": "input_audio", "transcript": None}],
    }
    s.item_event(item)
    s.item_event(item, done=True)
    s.server(
        "conversation.item.input_audio_transcription.completed",
        item_id=iid,
        content_index=0,
        transcript="Actually, make it short.",
        usage={"type": "duration", "seconds": 1.2},
    )
    s.respond([s.spoken("The sea was calm, and the keeper slept.", 6)])
    return s


def deletion(protocol: str) -> Session:
    s = Session(
        protocol,
        "deletion",
        "Three typed turns; the client deletes the second user "
        "message and the assistant's answer to it, and asks again.",
    )
    s.session()
    s.typed("Hi!")
    s.client("response.create")
    s.respond([s.written("Hello! How can I help?")])
    wrong = s.typed("Book a table for ten.")
    s.client("response.create")
    s.respond([s.written("Booked a table for ten at eight.")])
    answer = s.expect.items[-1]["id"]
    for iid in (wrong, answer):
        s.client("conversation.item.delete", item_id=iid)
        s.server("conversation.item.deleted", item_id=iid)
        s.expect.items.remove(s.items[iid])
    s.last_item = s.expect.items[-1]["id"]
    s.typed("Sorry, a table for two.")
    s.client("response.create")
    s.respond([s.written("Booked a table for two at eight.")])
    return s


def out_of_band(protocol: str) -> Session:
    s = Session(
        protocol,
        "out_of_band",
        "A voice turn, then an out-of-band response "
        "(conversation none, metadata) whose output never joins the conversation, then "
        "a normal response.",
    )
    s.session()
    s.speech("I want to cancel my subscription.")
    s.client(
        "response.create",
        response={
            "conversation": "none",
            "metadata": {"topic": "intent"},
            "instructions": "Classify the user's intent.",
        },
    )
    s.respond(
        [s.written("cancellation", conversation=False)],
        conversation=False,
        metadata={"topic": "intent"},
    )
    s.client("response.create")
    s.respond([s.spoken("I can help with that. May I ask why?", 8)])
    return s


def transcription(protocol: str) -> Session:
    s = Session(
        protocol,
        "transcription",
        "A transcription session: two utterances committed "
        "by server VAD and transcribed; no responses, and the committed items stay out "
        "of the conversation.",
    )
    s.session(kind="transcription")
    s.speech("Good morning, this is a dictation test.", conversation=False)
    s.speech("Second sentence.", ms=100, conversation=False)
    s.expect.extra["audio_formats"] = {
        "input": FORMAT_NAME[(protocol, "pcm16")],
        "output": FORMAT_NAME[(protocol, "pcm16")],
    }
    return s


def mcp(protocol: str) -> Session:
    s = Session(
        protocol,
        "mcp",
        "An MCP server's tools listed (mcp_list_tools item), then a "
        "response that calls an MCP tool (arguments streamed, the call's output) and "
        "answers in text.",
    )
    server = {
        "type": "mcp",
        "server_label": "deepwiki",
        "server_url": "https://mcp.deepwiki.com/mcp",
        "require_approval": "never",
    }
    s.session(tools=[server])
    lid = s.id("mcpl")
    tools = [
        {
            "name": "ask_question",
            "description": "Ask about a repository.",
            "input_schema": {
                "type": "object",
                "properties": {"repo": {"type": "string"}, "question": {"type": "string"}},
            },
        }
    ]
    listing = {"id": lid, "type": "mcp_list_tools", "server_label": "deepwiki", "tools": []}
    s.expect_item(
        lid, True, type="mcp_list_tools", status="completed", server_label="deepwiki", tools=tools
    )
    s.item_event(listing)
    s.server("mcp_list_tools.in_progress", item_id=lid)
    s.server("mcp_list_tools.completed", item_id=lid)
    s.item_event({**listing, "tools": tools}, done=True)
    s.typed("What transport does the MCP spec use?")
    s.client("response.create")
    arguments = '{"repo":"modelcontextprotocol/spec","question":"transport"}'
    output = "Streamable HTTP, and stdio for local servers."

    def mcp_call(rid: str, index: int) -> dict[str, Any]:
        cid = s.id("mcp")
        item = {
            "id": cid,
            "type": "mcp_call",
            "server_label": "deepwiki",
            "name": "ask_question",
            "arguments": "",
        }
        s.output_item_added(rid, index, item, True)
        where = {"response_id": rid, "item_id": cid, "output_index": index}
        for at in range(0, len(arguments), 12):
            s.server("response.mcp_call_arguments.delta", **where, delta=arguments[at : at + 12])
        s.server("response.mcp_call_arguments.done", **where, arguments=arguments)
        s.server("response.mcp_call.in_progress", output_index=index, item_id=cid)
        s.server("response.mcp_call.completed", output_index=index, item_id=cid)
        final = {**item, "arguments": arguments, "output": output, "error": None}
        s.item_event(final, done=True)
        s.server("response.output_item.done", response_id=rid, output_index=index, item=final)
        s.items[cid].update(
            status="completed",
            server_label="deepwiki",
            name="ask_question",
            arguments=arguments,
            output=output,
        )
        return final

    s.respond([mcp_call, s.written("It uses Streamable HTTP, or stdio locally.")])
    return s


def translation(protocol: str) -> Session:
    s = Session(
        protocol,
        "translation",
        "A translation session: the speaker's audio streams in, "
        "the source transcript, the translated transcript and the translated audio stream "
        "out, and the client closes the session.",
    )
    sid = s.id("sess")
    session = {
        "id": sid,
        "type": "translation",
        "expires_at": 1756324625,
        "model": "gpt-realtime-translate",
        "audio": {
            "input": {
                "transcription": {"model": "gpt-4o-transcribe", "language": "en"},
                "noise_reduction": None,
            },
            "output": {"language": "es"},
        },
    }
    s.server("session.created", session=session)
    source, target = "Good morning, everyone.", "Buenos días a todos."
    appended = sent = 0
    for _ in range(8):
        chunk = audio(s.rng, CHUNK_MS, "pcm16")
        appended += len(chunk)
        s.client("session.input_audio_buffer.append", audio=base64.b64encode(chunk).decode())
    for at, piece in enumerate(_pieces(source)):
        s.server("session.input_transcript.delta", delta=piece, elapsed_ms=100 * at)
    for at, piece in enumerate(_pieces(target)):
        s.server("session.output_transcript.delta", delta=piece, elapsed_ms=300 + 100 * at)
        chunk = audio(s.rng, CHUNK_MS, "pcm16")
        sent += len(chunk)
        s.server(
            "session.output_audio.delta",
            delta=base64.b64encode(chunk).decode(),
            sample_rate=24000,
            channels=1,
            format="pcm16",
            elapsed_ms=300 + 100 * at,
        )
    s.client("session.close")
    s.server("session.closed")
    s.expect.extra.update(
        session={"id": sid},
        closed=True,
        streams={
            "input_audio": {"kind": "bytes", "size": appended, "deltas": 8},
            "input_transcript": {"kind": "text", "text": source},
            "output_transcript": {"kind": "text", "text": target},
            "output_audio": {
                "kind": "bytes",
                "size": sent,
                "rate": 24000,
                "channels": 1,
                "format": "pcm16",
            },
        },
    )
    return s


# -- broken variants -----------------------------------------------------------------------------


def _index_of(s: Session, predicate: Callable[[dict[str, Any]], bool], nth: int = 0) -> int:
    found = [i for i, f in enumerate(s.frames) if predicate(f)]
    return found[nth]


def broken_dropped_delta(protocol: str) -> Session:
    s = voice_turn(protocol)
    s.name = "broken_dropped_delta"
    s.description = "voice_turn with the second transcript delta of the first answer dropped."
    kind = "response.output_audio_transcript" if s.ga else "response.audio_transcript"
    dropped = _index_of(s, lambda f: f["type"] == f"{kind}.delta", 1)
    first_item = s.frames[dropped]["item_id"]
    pieces = [
        f["delta"] for f in s.frames if f["type"] == f"{kind}.delta" and f["item_id"] == first_item
    ]
    del s.frames[dropped]
    done = _index_of(s, lambda f: f["type"] == f"{kind}.done")
    full = s.frames[done]["transcript"]
    s.expect.anomalies.append(
        {
            "type": "done_mismatch",
            "index": done,
            "event_type": f"{kind}.done",
            "path": "$.transcript",
            "expected": "".join(pieces[:1] + pieces[2:]),
            "got": full,
        }
    )
    return s


def broken_reordered_done(protocol: str) -> Session:
    s = voice_turn(protocol)
    s.name = "broken_reordered_done"
    s.description = "voice_turn with the first answer's transcript done before its last delta."
    kind = "response.output_audio_transcript" if s.ga else "response.audio_transcript"
    done = _index_of(s, lambda f: f["type"] == f"{kind}.done")
    item_id = s.frames[done]["item_id"]
    deltas = [
        i
        for i, f in enumerate(s.frames)
        if f["type"] == f"{kind}.delta" and f["item_id"] == item_id
    ]
    last = deltas[-1]
    frame = s.frames.pop(done)
    s.frames.insert(last, frame)  # the done now comes just before the last delta
    pieces = [s.frames[i]["delta"] for i in deltas[:-1]]
    s.expect.anomalies += [
        {
            "type": "done_mismatch",
            "index": last,
            "event_type": f"{kind}.done",
            "path": "$.transcript",
            "expected": "".join(pieces),
            "got": frame["transcript"],
        },
        {
            "type": "after_done",
            "index": last + 1,
            "event_type": f"{kind}.delta",
            "path": "$.delta",
            "expected": "no transcript delta after its done event",
            "got": s.frames[last + 1]["delta"],
        },
    ]
    return s


def broken_delta_for_missing_item(protocol: str) -> Session:
    s = voice_turn(protocol)
    s.name = "broken_delta_for_missing_item"
    s.description = "voice_turn with an extra audio delta naming an item that does not exist."
    kind = "response.output_audio.delta" if s.ga else "response.audio.delta"
    at = _index_of(s, lambda f: f["type"] == kind, 3)
    ghost = {**s.frames[at], "event_id": s.id("event"), "item_id": s.id("item")}
    s.frames.insert(at + 1, ghost)
    s.expect.anomalies.append(
        {
            "type": "missing_item",
            "index": at + 1,
            "event_type": kind,
            "path": "$.item_id",
            "expected": "an item that exists",
            "got": ghost["item_id"],
        }
    )
    return s


def broken_dropped_arguments(protocol: str) -> Session:
    s = function_call(protocol)
    s.name = "broken_dropped_arguments"
    s.description = "function_call with the first arguments delta dropped."
    dropped = _index_of(s, lambda f: f["type"] == "response.function_call_arguments.delta")
    pieces = [f["delta"] for f in s.frames if f["type"] == "response.function_call_arguments.delta"]
    del s.frames[dropped]
    done = _index_of(s, lambda f: f["type"] == "response.function_call_arguments.done")
    s.expect.anomalies.append(
        {
            "type": "done_mismatch",
            "index": done,
            "event_type": "response.function_call_arguments.done",
            "path": "$.arguments",
            "expected": "".join(pieces[1:]),
            "got": s.frames[done]["arguments"],
        }
    )
    return s


SCENARIOS: dict[str, Callable[[str], Session]] = {
    "voice_turn": voice_turn,
    "function_call": function_call,
    "barge_in": barge_in,
    "deletion": deletion,
    "out_of_band": out_of_band,
    "transcription": transcription,
    "mcp": mcp,
    "broken_dropped_delta": broken_dropped_delta,
    "broken_reordered_done": broken_reordered_done,
    "broken_delta_for_missing_item": broken_delta_for_missing_item,
    "broken_truncation_past_end": lambda p: barge_in(p, past_end=True),
    "broken_dropped_arguments": broken_dropped_arguments,
}
# Beta items have no MCP kinds (its item schema closes `type` to message and function items).
# Translation has no items or responses: its one scenario is its own.
PROTOCOLS = {
    "ga": list(SCENARIOS),
    "beta": [n for n in SCENARIOS if n != "mcp"],
    "translation": ["translation"],
}
SCENARIOS["translation"] = translation


def build() -> dict[str, str]:
    """Every session file, keyed by its path under tests/fixtures."""
    files: dict[str, str] = {}
    for protocol, names in PROTOCOLS.items():
        for name in names:
            files.update(SCENARIOS[name](protocol).files())
    return files


def main() -> int:
    files = build()
    for protocol in PROTOCOLS:
        folder = FIXTURES / protocol / "sessions"
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*"):
            stale.unlink()
    for relative, text in files.items():
        (FIXTURES / relative).write_text(text)
    print(f"wrote {len(files)} files under {FIXTURES.relative_to(ROOT)}/<protocol>/sessions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
