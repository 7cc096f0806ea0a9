"""GA server events of the bench streams, by hand from schema/ga/*.json."""

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
    Audio = bytes if audio_as_bytes("ga") else str

Status = Literal["completed", "incomplete", "in_progress"]


# --- session ----------------------------------------------------------------------------------


class Pcm(Struct, gc=False, tag_field="type", tag="audio/pcm"):
    rate: Opt[int] = UNSET


class Pcmu(Struct, gc=False, tag_field="type", tag="audio/pcmu"):
    pass


class Pcma(Struct, gc=False, tag_field="type", tag="audio/pcma"):
    pass


class Transcription(Struct, gc=False):
    model: Opt[str] = UNSET
    language: Opt[str] = UNSET
    languages: Opt[list[str]] = UNSET
    keywords: Opt[list[str]] = UNSET
    prompt: Opt[str] = UNSET
    delay: Opt[str] = UNSET


class NoiseReduction(Struct, gc=False):
    type: Opt[str] = UNSET


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


class Voice(Struct, gc=False):
    id: str


class AudioIn(Struct, gc=False):
    format: Opt[Pcm | Pcmu | Pcma] = UNSET
    transcription: Opt[Transcription] = UNSET
    noise_reduction: Opt[NoiseReduction] = UNSET
    turn_detection: Opt[ServerVad | SemanticVad] = UNSET


class AudioOut(Struct, gc=False):
    format: Opt[Pcm | Pcmu | Pcma] = UNSET
    voice: Opt[str | Voice] = UNSET
    speed: Opt[float] = UNSET


class SessionAudio(Struct, gc=False):
    input: Opt[AudioIn] = UNSET
    output: Opt[AudioOut] = UNSET


class TranscriptionAudio(Struct, gc=False):
    input: Opt[AudioIn] = UNSET


class Tracing(Struct, gc=False):
    workflow_name: Opt[str] = UNSET
    group_id: Opt[str] = UNSET
    metadata: Opt[dict[str, Any]] = UNSET


class Function(Struct, gc=False, tag_field="type", tag="function"):
    name: Opt[str] = UNSET
    description: Opt[str] = UNSET
    parameters: Opt[dict[str, Any]] = UNSET


class McpFilter(Struct, gc=False):
    tool_names: Opt[list[str]] = UNSET
    read_only: Opt[bool] = UNSET


class McpApproval(Struct, gc=False):
    always: Opt[McpFilter] = UNSET
    never: Opt[McpFilter] = UNSET


class Mcp(Struct, gc=False, tag_field="type", tag="mcp"):
    server_label: str
    server_url: Opt[str] = UNSET
    connector_id: Opt[str] = UNSET
    tunnel_id: Opt[str] = UNSET
    authorization: Opt[str] = UNSET
    server_description: Opt[str] = UNSET
    headers: Opt[dict[str, str]] = UNSET
    allowed_tools: Opt[list[str] | McpFilter] = UNSET
    allowed_callers: Opt[list[str]] = UNSET
    require_approval: Opt[McpApproval | str] = UNSET
    defer_loading: Opt[bool] = UNSET


class ChooseFunction(Struct, gc=False, tag_field="type", tag="function"):
    name: str


class ChooseMcp(Struct, gc=False, tag_field="type", tag="mcp"):
    server_label: str
    name: Opt[str] = UNSET


class TokenLimits(Struct, gc=False):
    post_instructions: Opt[int] = UNSET


class RetentionRatio(Struct, gc=False):
    type: Literal["retention_ratio"]
    retention_ratio: float
    token_limits: Opt[TokenLimits] = UNSET


class CacheBreakpoint(Struct, gc=False):
    mode: Literal["explicit"]


class PromptText(Struct, gc=False, tag_field="type", tag="input_text"):
    text: str
    prompt_cache_breakpoint: Opt[CacheBreakpoint] = UNSET


class PromptImage(Struct, gc=False, tag_field="type", tag="input_image"):
    detail: str
    image_url: Opt[str] = UNSET
    file_id: Opt[str] = UNSET
    prompt_cache_breakpoint: Opt[CacheBreakpoint] = UNSET


class PromptFile(Struct, gc=False, tag_field="type", tag="input_file"):
    file_id: Opt[str] = UNSET
    filename: Opt[str] = UNSET
    file_data: Opt[str] = UNSET
    prompt_cache_breakpoint: Opt[CacheBreakpoint] = UNSET
    file_url: Opt[str] = UNSET
    detail: Opt[str] = UNSET


class Prompt(Struct, gc=False):
    id: str
    version: Opt[str] = UNSET
    variables: Opt[dict[str, str | PromptText | PromptImage | PromptFile]] = UNSET


class Reasoning(Struct, gc=False):
    effort: Opt[str] = UNSET


class RealtimeSession(Struct, gc=False, tag_field="type", tag="realtime"):
    id: str
    object: Literal["realtime.session"]
    expires_at: Opt[int] = UNSET
    output_modalities: Opt[list[str]] = UNSET
    model: Opt[str] = UNSET
    instructions: Opt[str] = UNSET
    audio: Opt[SessionAudio] = UNSET
    include: Opt[list[str]] = UNSET
    tracing: Opt[Literal["auto"] | Tracing] = UNSET
    tools: Opt[list[Function | Mcp]] = UNSET
    tool_choice: Opt[str | ChooseFunction | ChooseMcp] = UNSET
    parallel_tool_calls: Opt[bool] = UNSET
    reasoning: Opt[Reasoning] = UNSET
    max_output_tokens: Opt[int | Literal["inf"]] = UNSET
    truncation: Opt[str | RetentionRatio] = UNSET
    prompt: Opt[Prompt] = UNSET


class TranscriptionSession(Struct, gc=False, tag_field="type", tag="transcription"):
    id: str
    object: str
    expires_at: Opt[int] = UNSET
    include: Opt[list[str]] = UNSET
    audio: Opt[TranscriptionAudio] = UNSET


# --- items ------------------------------------------------------------------------------------


class InputText(Struct, gc=False, tag_field="type", tag="input_text"):
    text: Opt[str] = UNSET


class InputAudio(Struct, gc=False, tag_field="type", tag="input_audio"):
    audio: Opt[Audio] = UNSET
    transcript: Opt[str] = UNSET


class InputImage(Struct, gc=False, tag_field="type", tag="input_image"):
    image_url: Opt[str] = UNSET
    detail: Opt[str] = UNSET


class OutputText(Struct, gc=False, tag_field="type", tag="output_text"):
    text: Opt[str] = UNSET


class OutputAudio(Struct, gc=False, tag_field="type", tag="output_audio"):
    audio: Opt[Audio] = UNSET
    transcript: Opt[str] = UNSET


class Text(Struct, gc=False, tag_field="type", tag="text"):
    text: Opt[str] = UNSET


class BetaAudio(Struct, gc=False, tag_field="type", tag="audio"):
    audio: Opt[Audio] = UNSET
    transcript: Opt[str] = UNSET
    format: Opt[str] = UNSET


Content = InputText | InputAudio | InputImage | OutputText | OutputAudio | Text | BetaAudio


class Message(Struct, gc=False, tag_field="type", tag="message"):
    role: Literal["system", "user", "assistant"]
    content: list[Content]
    id: Opt[str] = UNSET
    object: Opt[Literal["realtime.item"]] = UNSET
    status: Opt[Status] = UNSET


class FunctionCall(Struct, gc=False, tag_field="type", tag="function_call"):
    name: str
    arguments: str
    id: Opt[str] = UNSET
    object: Opt[Literal["realtime.item"]] = UNSET
    status: Opt[Status] = UNSET
    call_id: Opt[str] = UNSET


class FunctionCallOutput(Struct, gc=False, tag_field="type", tag="function_call_output"):
    call_id: str
    output: str
    id: Opt[str] = UNSET
    object: Opt[Literal["realtime.item"]] = UNSET
    status: Opt[Status] = UNSET


class McpApprovalRequest(Struct, gc=False, tag_field="type", tag="mcp_approval_request"):
    id: str
    server_label: str
    name: str
    arguments: str


class McpApprovalResponse(Struct, gc=False, tag_field="type", tag="mcp_approval_response"):
    id: str
    approval_request_id: str
    approve: bool
    reason: Opt[str] = UNSET


class McpListedTool(Struct, gc=False):
    name: str
    input_schema: dict[str, Any]
    description: Opt[str] = UNSET
    annotations: Opt[dict[str, Any]] = UNSET


class McpListTools(Struct, gc=False, tag_field="type", tag="mcp_list_tools"):
    server_label: str
    tools: list[McpListedTool]
    id: Opt[str] = UNSET


class McpProtocolError(Struct, gc=False, tag_field="type", tag="protocol_error"):
    code: int
    message: str


class McpToolExecutionError(Struct, gc=False, tag_field="type", tag="tool_execution_error"):
    message: str


class McpHttpError(Struct, gc=False, tag_field="type", tag="http_error"):
    code: int
    message: str


class McpCall(Struct, gc=False, tag_field="type", tag="mcp_call"):
    id: str
    server_label: str
    name: str
    arguments: str
    approval_request_id: Opt[str] = UNSET
    output: Opt[str] = UNSET
    error: Opt[McpProtocolError | McpToolExecutionError | McpHttpError] = UNSET


Item = (
    Message
    | FunctionCall
    | FunctionCallOutput
    | McpApprovalRequest
    | McpApprovalResponse
    | McpListTools
    | McpCall
)


class Part(Struct, gc=False):
    type: Opt[Literal["text", "audio"]] = UNSET
    text: Opt[str] = UNSET
    audio: Opt[Audio] = UNSET
    transcript: Opt[str] = UNSET


# --- responses, transcription, rate limits ------------------------------------------------------


class StatusError(Struct, gc=False):
    type: Opt[str] = UNSET
    code: Opt[str] = UNSET
    message: Opt[str] = UNSET


class StatusDetails(Struct, gc=False):
    type: Opt[Literal["completed", "cancelled", "failed", "incomplete"]] = UNSET
    reason: Opt[str] = UNSET
    error: Opt[StatusError] = UNSET


class ResponseAudioOut(Struct, gc=False):
    format: Opt[Pcm | Pcmu | Pcma] = UNSET
    voice: Opt[str | Voice] = UNSET


class ResponseAudio(Struct, gc=False):
    output: Opt[ResponseAudioOut] = UNSET


class CachedDetails(Struct, gc=False):
    text_tokens: Opt[int] = UNSET
    image_tokens: Opt[int] = UNSET
    audio_tokens: Opt[int] = UNSET


class InputDetails(Struct, gc=False):
    cached_tokens: Opt[int] = UNSET
    text_tokens: Opt[int] = UNSET
    image_tokens: Opt[int] = UNSET
    audio_tokens: Opt[int] = UNSET
    cached_tokens_details: Opt[CachedDetails] = UNSET


class OutputDetails(Struct, gc=False):
    text_tokens: Opt[int] = UNSET
    audio_tokens: Opt[int] = UNSET


class Usage(Struct, gc=False):
    total_tokens: Opt[int] = UNSET
    input_tokens: Opt[int] = UNSET
    output_tokens: Opt[int] = UNSET
    input_token_details: Opt[InputDetails] = UNSET
    output_token_details: Opt[OutputDetails] = UNSET


class Response(Struct, gc=False):
    id: Opt[str] = UNSET
    object: Opt[Literal["realtime.response"]] = UNSET
    status: Opt[Literal["completed", "cancelled", "failed", "incomplete", "in_progress"]] = UNSET
    status_details: Opt[StatusDetails] = UNSET
    output: Opt[list[Item]] = UNSET
    metadata: Opt[dict[str, str]] = UNSET
    audio: Opt[ResponseAudio] = UNSET
    usage: Opt[Usage] = UNSET
    conversation_id: Opt[str] = UNSET
    output_modalities: Opt[list[str]] = UNSET
    max_output_tokens: Opt[int | Literal["inf"]] = UNSET


class LogProb(Struct, gc=False):
    token: str
    logprob: float
    bytes: list[int]


class Language(Struct, gc=False):
    code: str


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
    session: RealtimeSession | TranscriptionSession


class SessionUpdated(Struct, gc=False, tag_field="type", tag="session.updated"):
    event_id: str
    session: RealtimeSession | TranscriptionSession


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


class ItemAdded(Struct, gc=False, tag_field="type", tag="conversation.item.added"):
    event_id: str
    item: Item
    previous_item_id: Opt[str] = UNSET


class ItemDone(Struct, gc=False, tag_field="type", tag="conversation.item.done"):
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
    obfuscation: Opt[str] = UNSET


class TranscriptionCompleted(
    Struct, tag_field="type", tag="conversation.item.input_audio_transcription.completed"
):
    event_id: str
    item_id: str
    content_index: int
    transcript: str
    usage: TokensUsage | DurationUsage
    languages: Opt[list[Language]] = UNSET
    logprobs: Opt[list[LogProb]] = UNSET


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
    part: Part


class PartDone(Struct, gc=False, tag_field="type", tag="response.content_part.done"):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int
    part: Part


class AudioDelta(Struct, gc=False, tag_field="type", tag="response.output_audio.delta"):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int
    delta: Audio


class AudioDone(Struct, gc=False, tag_field="type", tag="response.output_audio.done"):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int


class AudioTranscriptDelta(
    Struct, gc=False, tag_field="type", tag="response.output_audio_transcript.delta"
):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int
    delta: str
    obfuscation: Opt[str] = UNSET


class AudioTranscriptDone(
    Struct, gc=False, tag_field="type", tag="response.output_audio_transcript.done"
):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int
    transcript: str


class TextDelta(Struct, gc=False, tag_field="type", tag="response.output_text.delta"):
    event_id: str
    response_id: str
    item_id: str
    output_index: int
    content_index: int
    delta: str
    obfuscation: Opt[str] = UNSET


class TextDone(Struct, gc=False, tag_field="type", tag="response.output_text.done"):
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
    name: str
    arguments: str


class RateLimitsUpdated(Struct, gc=False, tag_field="type", tag="rate_limits.updated"):
    event_id: str
    rate_limits: list[RateLimit]


Event = (
    SessionCreated
    | SessionUpdated
    | SpeechStarted
    | SpeechStopped
    | Committed
    | ItemAdded
    | ItemDone
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
