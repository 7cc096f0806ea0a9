"""Beta server events of the bench streams, by hand from schema/beta/*.json."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar

import msgspec
from msgspec import UNSET, Struct, UnsetType

from bench.adapters import audio_as_bytes

T = TypeVar("T")
Opt: TypeAlias = T | None | UnsetType  # optional means nullable; absent stays UNSET

if TYPE_CHECKING:
    Audio: TypeAlias = str
else:
    Audio = bytes if audio_as_bytes("beta") else str


# --- session ----------------------------------------------------------------------------------


class Transcription(Struct, gc=False):
    model: Opt[str] = UNSET
    language: Opt[str] = UNSET
    prompt: Opt[str] = UNSET


class ServerVad(Struct, gc=False, tag_field="type", tag="server_vad"):
    threshold: Opt[float] = UNSET
    prefix_padding_ms: Opt[int] = UNSET
    silence_duration_ms: Opt[int] = UNSET
    create_response: Opt[bool] = UNSET
    interrupt_response: Opt[bool] = UNSET
    idle_timeout_ms: Opt[int] = UNSET


class SemanticVad(Struct, gc=False, tag_field="type", tag="semantic_vad"):
    eagerness: Opt[str] = UNSET
    create_response: Opt[bool] = UNSET
    interrupt_response: Opt[bool] = UNSET


class NoiseReduction(Struct, gc=False):
    type: Opt[str] = UNSET


class Tool(Struct, gc=False):
    type: Opt[Literal["function"]] = UNSET
    name: Opt[str] = UNSET
    description: Opt[str] = UNSET
    parameters: Opt[dict[str, Any]] = UNSET


class Tracing(Struct, gc=False):
    workflow_name: Opt[str] = UNSET
    group_id: Opt[str] = UNSET
    metadata: Opt[dict[str, Any]] = UNSET


class ClientSecret(Struct, gc=False):
    value: Opt[str] = UNSET
    expires_at: Opt[int] = UNSET


class Prompt(Struct, gc=False):
    id: str
    version: Opt[str] = UNSET
    variables: Opt[dict[str, Any]] = UNSET


class Session(Struct, gc=False):
    id: Opt[str] = UNSET
    object: Opt[str] = UNSET
    model: Opt[str] = UNSET
    expires_at: Opt[int] = UNSET
    modalities: Opt[list[str]] = UNSET
    instructions: Opt[str] = UNSET
    voice: Opt[str] = UNSET
    input_audio_format: Opt[str] = UNSET
    output_audio_format: Opt[str] = UNSET
    input_audio_transcription: Opt[Transcription] = UNSET
    turn_detection: Opt[ServerVad | SemanticVad] = UNSET
    input_audio_noise_reduction: Opt[NoiseReduction] = UNSET
    tools: Opt[list[Tool]] = UNSET
    tool_choice: Opt[str] = UNSET
    temperature: Opt[float] = UNSET
    max_response_output_tokens: Opt[int | Literal["inf"]] = UNSET
    speed: Opt[float] = UNSET
    tracing: Opt[Literal["auto"] | Tracing] = UNSET
    client_secret: Opt[ClientSecret] = UNSET
    include: Opt[list[str]] = UNSET
    prompt: Opt[Prompt] = UNSET


# --- items ------------------------------------------------------------------------------------


class Content(Struct, gc=False):
    type: Literal["input_audio", "input_text", "item_reference", "text", "audio"]
    text: Opt[str] = UNSET
    id: Opt[str] = UNSET
    audio: Opt[Audio] = UNSET
    transcript: Opt[str] = UNSET


class Item(Struct, gc=False):
    type: Literal["message", "function_call", "function_call_output", "item_reference"]
    id: Opt[str] = UNSET
    object: Opt[Literal["realtime.item"]] = UNSET
    status: Opt[Literal["completed", "incomplete", "in_progress"]] = UNSET
    role: Opt[Literal["user", "assistant", "system"]] = UNSET
    content: Opt[list[Content]] = UNSET
    call_id: Opt[str] = UNSET
    name: Opt[str] = UNSET
    arguments: Opt[str] = UNSET
    output: Opt[str] = UNSET


# --- responses, transcription, rate limits ------------------------------------------------------


class StatusError(Struct, gc=False):
    type: Opt[str] = UNSET
    code: Opt[str] = UNSET
    message: Opt[str] = UNSET


class StatusDetails(Struct, gc=False):
    type: Opt[Literal["completed", "cancelled", "failed", "incomplete"]] = UNSET
    reason: Opt[str] = UNSET
    error: Opt[StatusError] = UNSET


class CachedDetails(Struct, gc=False):
    text_tokens: Opt[int] = UNSET
    audio_tokens: Opt[int] = UNSET
    image_tokens: Opt[int] = UNSET


class TokenDetails(Struct, gc=False):
    cached_tokens: Opt[int] = UNSET
    text_tokens: Opt[int] = UNSET
    audio_tokens: Opt[int] = UNSET
    image_tokens: Opt[int] = UNSET
    cached_tokens_details: Opt[CachedDetails] = UNSET


class Usage(Struct, gc=False):
    total_tokens: Opt[int] = UNSET
    input_tokens: Opt[int] = UNSET
    output_tokens: Opt[int] = UNSET
    input_token_details: Opt[TokenDetails] = UNSET
    output_token_details: Opt[TokenDetails] = UNSET


class Response(Struct, gc=False):
    id: Opt[str] = UNSET
    object: Opt[Literal["realtime.response"]] = UNSET
    status: Opt[Literal["completed", "cancelled", "failed", "incomplete", "in_progress"]] = UNSET
    status_details: Opt[StatusDetails] = UNSET
    output: Opt[list[Item]] = UNSET
    metadata: Opt[dict[str, str]] = UNSET
    usage: Opt[Usage] = UNSET
    conversation_id: Opt[str] = UNSET
    voice: Opt[str] = UNSET
    modalities: Opt[list[str]] = UNSET
    output_audio_format: Opt[str] = UNSET
    temperature: Opt[float] = UNSET
    max_output_tokens: Opt[int | Literal["inf"]] = UNSET


class LogProb(Struct, gc=False):
    token: str
    logprob: float
    bytes: list[int]


class TranscriptionInputDetails(Struct, gc=False):
    text_tokens: Opt[int] = UNSET
    audio_tokens: Opt[int] = UNSET


class TokensUsage(Struct, gc=False, tag_field="type", tag="tokens"):
    input_tokens: int
    output_tokens: int
    total_tokens: int
    input_token_details: Opt[TranscriptionInputDetails] = UNSET


class DurationUsage(Struct, gc=False, tag_field="type", tag="duration"):
    seconds: float


class RateLimit(Struct, gc=False):
    name: Opt[str] = UNSET
    limit: Opt[int] = UNSET
    remaining: Opt[int] = UNSET
    reset_seconds: Opt[float] = UNSET


# --- the events ---------------------------------------------------------------------------------


class SessionCreated(Struct, gc=False, tag_field="type", tag="session.created"):
    event_id: str
    session: Session


class SessionUpdated(Struct, gc=False, tag_field="type", tag="session.updated"):
    event_id: str
    session: Session


class SpeechStarted(Struct, gc=False, tag_field="type", tag="input_audio_buffer.speech_started"):
    event_id: str
    audio_start_ms: int
    item_id: str


class SpeechStopped(Struct, gc=False, tag_field="type", tag="input_audio_buffer.speech_stopped"):
    event_id: str
    audio_end_ms: int
    item_id: str


class Committed(Struct, gc=False, tag_field="type", tag="input_audio_buffer.committed"):
    event_id: str
    item_id: str
    previous_item_id: Opt[str] = UNSET


class ItemCreated(Struct, gc=False, tag_field="type", tag="conversation.item.created"):
    event_id: str
    item: Item
    previous_item_id: Opt[str] = UNSET


class TranscriptionDelta(
    Struct, tag_field="type", tag="conversation.item.input_audio_transcription.delta"
):
    event_id: str
    item_id: str
    content_index: Opt[int] = UNSET
    delta: Opt[str] = UNSET
    logprobs: Opt[list[LogProb]] = UNSET


class TranscriptionCompleted(
    Struct, tag_field="type", tag="conversation.item.input_audio_transcription.completed"
):
    event_id: str
    item_id: str
    content_index: int
    transcript: str
    logprobs: Opt[list[LogProb]] = UNSET
    usage: Opt[TokensUsage | DurationUsage] = UNSET


class ResponseCreated(Struct, gc=False, tag_field="type", tag="response.created"):
    event_id: str
    response: Response


class ResponseDone(Struct, gc=False, tag_field="type", tag="response.done"):
    event_id: str
    response: Response


class OutputItemAdded(Struct, gc=False, tag_field="type", tag="response.output_item.added"):
    event_id: str
    response_id: str
    output_index: int
    item: Item


class OutputItemDone(Struct, gc=False, tag_field="type", tag="response.output_item.done"):
    event_id: str
    response_id: str
    output_index: int
    item: Item


class PartAdded(Struct, gc=False, tag_field="type", tag="response.content_part.added"):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int
    part: Content


class PartDone(Struct, gc=False, tag_field="type", tag="response.content_part.done"):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int
    part: Content


class AudioDelta(Struct, gc=False, tag_field="type", tag="response.audio.delta"):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int
    delta: Audio


class AudioDone(Struct, gc=False, tag_field="type", tag="response.audio.done"):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int


class AudioTranscriptDelta(
    Struct, gc=False, tag_field="type", tag="response.audio_transcript.delta"
):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int
    delta: str


class AudioTranscriptDone(Struct, gc=False, tag_field="type", tag="response.audio_transcript.done"):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int
    transcript: str


class TextDelta(Struct, gc=False, tag_field="type", tag="response.text.delta"):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int
    delta: str


class TextDone(Struct, gc=False, tag_field="type", tag="response.text.done"):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int
    text: str


class ArgumentsDelta(
    Struct, gc=False, tag_field="type", tag="response.function_call_arguments.delta"
):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    call_id: str
    delta: str


class ArgumentsDone(
    Struct, gc=False, tag_field="type", tag="response.function_call_arguments.done"
):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    call_id: str
    arguments: str
    name: Opt[str] = UNSET


class RateLimitsUpdated(Struct, gc=False, tag_field="type", tag="rate_limits.updated"):
    event_id: str
    rate_limits: list[RateLimit]


Event = (
    SessionCreated
    | SessionUpdated
    | SpeechStarted
    | SpeechStopped
    | Committed
    | ItemCreated
    | TranscriptionDelta
    | TranscriptionCompleted
    | ResponseCreated
    | ResponseDone
    | OutputItemAdded
    | OutputItemDone
    | PartAdded
    | PartDone
    | AudioDelta
    | AudioDone
    | AudioTranscriptDelta
    | AudioTranscriptDone
    | TextDelta
    | TextDone
    | ArgumentsDelta
    | ArgumentsDone
    | RateLimitsUpdated
)

decode = msgspec.json.Decoder(Event).decode
