"""The client events the encode benches send: a realistic `session.update` per protocol, written
the way each library's users write it (constructors for ours and the seed's, a dict for
openai's)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

INSTRUCTIONS = (
    "You are a helpful, witty and friendly voice assistant for Contoso. Keep answers short, "
    "speak quickly, and call a function whenever one fits the request."
)
WEATHER_PARAMETERS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "location": {"type": "string", "description": "City and country"},
        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
    },
    "required": ["location"],
}
ORDER_PARAMETERS: dict[str, Any] = {
    "type": "object",
    "properties": {"order_id": {"type": "string"}},
    "required": ["order_id"],
}
TOOLS: list[dict[str, Any]] = [
    {
        "type": "function",
        "name": "get_weather",
        "description": "Get the current weather for a city.",
        "parameters": WEATHER_PARAMETERS,
    },
    {
        "type": "function",
        "name": "lookup_order",
        "description": "Look up an order by its number.",
        "parameters": ORDER_PARAMETERS,
    },
]


def ga_session() -> dict[str, Any]:
    """The GA session every session.update bench sends, as a fresh dict literal (openai's users
    write this inline; ours write the constructors below)."""
    return {
        "type": "realtime",
        "instructions": INSTRUCTIONS,
        "output_modalities": ["audio"],
        "audio": {
            "input": {
                "format": {"type": "audio/pcm", "rate": 24000},
                "transcription": {"model": "gpt-4o-mini-transcribe", "language": "en"},
                "noise_reduction": {"type": "near_field"},
                "turn_detection": {
                    "type": "server_vad",
                    "threshold": 0.5,
                    "prefix_padding_ms": 300,
                    "silence_duration_ms": 500,
                },
            },
            "output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "marin"},
        },
        "tools": TOOLS,
        "tool_choice": "auto",
        "max_output_tokens": 4096,
    }


def beta_session() -> dict[str, Any]:
    """The beta session every session.update bench sends, as a fresh dict literal."""
    return {
        "modalities": ["text", "audio"],
        "instructions": INSTRUCTIONS,
        "voice": "alloy",
        "input_audio_format": "pcm16",
        "output_audio_format": "pcm16",
        "input_audio_transcription": {"model": "gpt-4o-transcribe", "language": "en"},
        "input_audio_noise_reduction": {"type": "near_field"},
        "turn_detection": {
            "type": "server_vad",
            "threshold": 0.5,
            "prefix_padding_ms": 300,
            "silence_duration_ms": 500,
        },
        "tools": TOOLS,
        "tool_choice": "auto",
        "temperature": 0.8,
        "max_response_output_tokens": 4096,
    }


SESSION: dict[str, Callable[[], dict[str, Any]]] = {"ga": ga_session, "beta": beta_session}


def session_update(protocol: str, mod: ModuleType) -> Callable[[], Any]:
    """A function building SESSION[protocol] as a `session.update` event of backend `mod`
    (`structs` or `models`: same class names, same keywords), by constructors."""
    if protocol == "ga":
        m = mod

        def build_ga() -> Any:
            return m.SessionUpdateEvent(
                session=m.RealtimeSessionConfig(
                    instructions=INSTRUCTIONS,
                    output_modalities=["audio"],
                    audio=m.SessionAudio(
                        input=m.SessionAudioInput(
                            format=m.PcmAudioFormat(rate=24000),
                            transcription=m.AudioTranscription(
                                model="gpt-4o-mini-transcribe", language="en"
                            ),
                            noise_reduction=m.NoiseReduction(type="near_field"),
                            turn_detection=m.ServerVad(
                                threshold=0.5, prefix_padding_ms=300, silence_duration_ms=500
                            ),
                        ),
                        output=m.SessionAudioOutput(
                            format=m.PcmAudioFormat(rate=24000), voice="marin"
                        ),
                    ),
                    tools=[
                        m.FunctionTool(
                            name="get_weather",
                            description="Get the current weather for a city.",
                            parameters=WEATHER_PARAMETERS,
                        ),
                        m.FunctionTool(
                            name="lookup_order",
                            description="Look up an order by its number.",
                            parameters=ORDER_PARAMETERS,
                        ),
                    ],
                    tool_choice="auto",
                    max_output_tokens=4096,
                )
            )

        return build_ga
    if protocol == "beta":
        m = mod

        def build_beta() -> Any:
            return m.SessionUpdateEvent(
                session=m.SessionProperties(
                    modalities=["text", "audio"],
                    instructions=INSTRUCTIONS,
                    voice="alloy",
                    input_audio_format="pcm16",
                    output_audio_format="pcm16",
                    input_audio_transcription=m.InputAudioTranscription(
                        model="gpt-4o-transcribe", language="en"
                    ),
                    input_audio_noise_reduction=m.InputAudioNoiseReduction(type="near_field"),
                    turn_detection=m.TurnDetection(
                        threshold=0.5, prefix_padding_ms=300, silence_duration_ms=500
                    ),
                    tools=[
                        m.Tool(
                            type="function",
                            name="get_weather",
                            description="Get the current weather for a city.",
                            parameters=WEATHER_PARAMETERS,
                        ),
                        m.Tool(
                            type="function",
                            name="lookup_order",
                            description="Look up an order by its number.",
                            parameters=ORDER_PARAMETERS,
                        ),
                    ],
                    tool_choice="auto",
                    temperature=0.8,
                    max_response_output_tokens=4096,
                )
            )

        return build_beta
    raise KeyError(protocol)


def seed_session_update(seed: ModuleType) -> Callable[[], Any]:
    """SESSION["beta"] with pipecat's own models (the seed), as pipecat code builds it."""
    s = seed

    def build() -> Any:
        return s.SessionUpdateEvent(
            session=s.SessionProperties(
                modalities=["text", "audio"],
                instructions=INSTRUCTIONS,
                voice="alloy",
                input_audio_format="pcm16",
                output_audio_format="pcm16",
                input_audio_transcription=s.InputAudioTranscription(
                    model="gpt-4o-transcribe", language="en"
                ),
                input_audio_noise_reduction=s.InputAudioNoiseReduction(type="near_field"),
                turn_detection=s.TurnDetection(
                    threshold=0.5, prefix_padding_ms=300, silence_duration_ms=500
                ),
                tools=TOOLS,
                tool_choice="auto",
                temperature=0.8,
                max_response_output_tokens=4096,
            )
        )

    return build
