"""User-level snippets that must behave the same in both backends (tests/test_behaviour_parity.py).

Each snippet is ordinary application code, run once with `rs` bound to `realtime_schema.<protocol>.
structs` and once to `.models`. Its outcome is the value it leaves in `result`, or the exception it
raises (its type; for a `DecodeError` also `.path` and `.event_type`). Both backends must give
`expect`; where `expect` is `SAME`, they must give the same outcome as each other.

`DIFFERENCES` are the documented exceptions (README, "What is checked when"): there each backend
must give its own stated outcome, so the README cannot drift from the code either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from realtime_schema import DecodeError

SAME: Any = object()  # no fixed value: the two backends must agree with each other


@dataclass(frozen=True)
class Raises:
    """An outcome that is an exception: its type, and for a DecodeError where it points."""

    type: type[BaseException]
    path: str | None = None
    event_type: str | None = None


@dataclass(frozen=True)
class Snippet:
    description: str
    code: str
    expect: Any = SAME
    protocol: str = "ga"


ERROR = (
    'ERROR = b\'{"type":"error","event_id":"e1","error":'
    '{"type":"invalid_request_error","message":"bad","param":null}}\'\n'
    "ev = rs.decode_server_event(ERROR)\n"
)
UPDATE = (
    "ev = rs.SessionUpdateEvent(session=rs.RealtimeSessionConfig(instructions='Be brief.',"
    " audio=rs.SessionAudio(input=rs.SessionAudioInput(turn_detection=rs.ServerVad()))))\n"
)

SNIPPETS = [
    # --- the absent marker ------------------------------------------------------------------
    Snippet("an absent field is falsy", ERROR + "result = bool(ev.error.code)", False),
    Snippet(
        "`or` falls back on an absent field", ERROR + "result = ev.error.code or 'none'", "none"
    ),
    Snippet(
        "`if` takes the same branch on an absent field",
        ERROR + "if ev.error.code:\n    result = 'set'\nelse:\n    result = 'absent'",
        "absent",
    ),
    Snippet(
        "null is None, not absent",
        ERROR
        + "result = (ev.error.param is None, ev.error.param is rs.UNSET, bool(ev.error.param))",
        (True, False, False),
    ),
    Snippet(
        "a str method on an absent field raises AttributeError",
        ERROR + "ev.error.code.upper()",
        Raises(AttributeError),
    ),
    Snippet(
        "absent is msgspec's UNSET in both",
        "import msgspec\nresult = (rs.UNSET is msgspec.UNSET, repr(rs.UNSET))",
        (True, "UNSET"),
    ),
    Snippet(
        "`match` on the absent marker",
        ERROR + "match ev.error.code:\n    case rs.UNSET:\n        result = 'absent'\n"
        "    case None:\n        result = 'null'\n    case _:\n        result = 'set'",
        "absent",
    ),
    Snippet(
        "absent is left out on encode, also when passed explicitly",
        "result = rs.encode(rs.InputAudioBufferClearEvent(event_id=rs.UNSET))",
        b'{"type":"input_audio_buffer.clear"}',
    ),
    Snippet(
        "None is sent as null",
        "result = rs.encode(rs.InputAudioBufferClearEvent(event_id=None))",
        b'{"type":"input_audio_buffer.clear","event_id":null}',
    ),
    Snippet(
        "an optional field passed as UNSET stays UNSET",
        "result = rs.ServerVad(threshold=rs.UNSET).threshold is rs.UNSET",
        True,
    ),
    # --- keywords at construction -----------------------------------------------------------
    Snippet(
        "a misspelt keyword raises TypeError naming it",
        "try:\n    rs.RealtimeSessionConfig(instrutions='Be brief.')\n"
        "except TypeError as error:\n    result = str(error)",
        "Unexpected keyword argument 'instrutions'",
    ),
    Snippet(
        "a beta habit (`voice=` on the GA session) raises TypeError",
        "rs.RealtimeSessionConfig(voice='alloy')",
        Raises(TypeError),
    ),
    Snippet(
        "an undeclared keyword on an event raises TypeError",
        "rs.InputAudioBufferAppendEvent(audio=b'', bogus=1)",
        Raises(TypeError),
    ),
    Snippet(
        "a required keyword left out raises TypeError naming it",
        "try:\n    rs.InputAudioBufferAppendEvent()\nexcept TypeError as error:\n"
        "    result = str(error)",
        "Missing required argument 'audio'",
    ),
    Snippet("a positional argument raises TypeError", "rs.ServerVad(0.5)", Raises(TypeError)),
    Snippet(
        "decoding still ignores undeclared fields",
        'result = rs.decode_client_event(b\'{"type":"input_audio_buffer.clear","bogus":1,'
        '"event_id":"e"}\') == rs.InputAudioBufferClearEvent(event_id=\'e\')',
        True,
    ),
    Snippet(
        "assigning a misspelt attribute raises AttributeError",
        "vad = rs.ServerVad()\nvad.thresold = 0.5",
        Raises(AttributeError),
    ),
    Snippet(
        "assigning a declared field works",
        "vad = rs.ServerVad()\nvad.threshold = 0.7\nresult = rs.encode(vad)",
        b'{"type":"server_vad","threshold":0.7}',
    ),
    # --- union tags as keywords -------------------------------------------------------------
    Snippet(
        "a variant takes its own tag",
        "result = rs.encode(rs.ServerVad(type='server_vad', threshold=0.5))",
        b'{"type":"server_vad","threshold":0.5}',
    ),
    Snippet(
        "an audio format takes its own tag",
        "result = rs.encode(rs.PcmAudioFormat(type='audio/pcm', rate=24000))",
        b'{"type":"audio/pcm","rate":24000}',
    ),
    Snippet(
        "another variant's tag raises TypeError naming both",
        "try:\n    rs.ServerVad(type='semantic_vad')\nexcept TypeError as error:\n"
        "    result = str(error)",
        "ServerVad.type is always 'server_vad', not 'semantic_vad'",
    ),
    Snippet("a tag of None raises TypeError", "rs.ServerVad(type=None)", Raises(TypeError)),
    Snippet(
        "an event takes its own type",
        "result = rs.encode(rs.InputAudioBufferClearEvent(type='input_audio_buffer.clear'))",
        b'{"type":"input_audio_buffer.clear"}',
    ),
    Snippet(
        "an event refuses another type",
        "rs.InputAudioBufferClearEvent(type='input_audio_buffer.commit')",
        Raises(TypeError),
    ),
    Snippet(
        "the tag is a class constant",
        "result = (rs.ServerVad.type, rs.ServerVad().type, rs.SessionUpdateEvent.type)",
        ("server_vad", "server_vad", "session.update"),
    ),
    Snippet(
        "the tag cannot be assigned",
        "vad = rs.ServerVad()\nvad.type = 'semantic_vad'",
        Raises(AttributeError),
    ),
    Snippet(
        "the seed's beta TurnDetection(type='server_vad')",
        "result = rs.encode(rs.SessionUpdateEvent(session=rs.SessionProperties("
        "turn_detection=rs.TurnDetection(type='server_vad', threshold=0.5))))",
        b'{"type":"session.update","session":{"turn_detection":{"type":"server_vad",'
        b'"threshold":0.5}}}',
        protocol="beta",
    ),
    Snippet(
        "the seed's beta SemanticTurnDetection refuses server_vad",
        "rs.SemanticTurnDetection(type='server_vad')",
        Raises(TypeError),
        protocol="beta",
    ),
    # --- match on classes -------------------------------------------------------------------
    Snippet(
        "`match` on a variant class with a keyword pattern",
        "vad = rs.SessionAudioInput(turn_detection=rs.ServerVad(threshold=0.4)).turn_detection\n"
        "match vad:\n    case rs.SemanticVad():\n        result = 'semantic'\n"
        "    case rs.ServerVad(threshold=t):\n        result = ('server', t)",
        ("server", 0.4),
    ),
    Snippet(
        "`match` on the tag as a keyword pattern",
        "match rs.ServerVad():\n    case rs.ServerVad(type='server_vad'):\n        result = True",
        True,
    ),
    Snippet(
        "`match` on a decoded event",
        ERROR + "match ev:\n    case rs.ErrorEvent(error=err):\n        result = err.message",
        "bad",
    ),
    Snippet(
        "`match` on an unknown event",
        'match rs.decode_server_event(b\'{"type":"future.event","x":1}\'):\n'
        "    case rs.UnknownServerEvent(type=t, raw=raw):\n        result = (t, raw['x'])",
        ("future.event", 1),
    ),
    Snippet(
        "a positional sub-pattern raises TypeError",
        "match rs.ServerVad(threshold=0.5):\n    case rs.ServerVad(0.5):\n        result = 1",
        Raises(TypeError),
    ),
    # --- equality, hashing, ordering, truth -------------------------------------------------
    Snippet(
        "equal fields are equal",
        "result = rs.ServerVad(threshold=0.5) == rs.ServerVad(threshold=0.5)",
        True,
    ),
    Snippet(
        "different values are not equal",
        "result = rs.ServerVad(threshold=0.5) == rs.ServerVad(threshold=0.6)",
        False,
    ),
    Snippet(
        "absent and null are not equal",
        "result = rs.ServerVad(threshold=None) == rs.ServerVad()",
        False,
    ),
    Snippet(
        "a decoded event equals the same event built",
        'result = rs.decode_client_event(b\'{"type":"input_audio_buffer.clear"}\')'
        " == rs.InputAudioBufferClearEvent()",
        True,
    ),
    Snippet(
        "two classes with the same fields are not equal",
        "result = rs.InputAudioBufferClearEvent() == rs.InputAudioBufferCommitEvent()",
        False,
    ),
    Snippet(
        "an object is not equal to its dict",
        "result = rs.ServerVad() == {'type': 'server_vad'}",
        False,
    ),
    Snippet("objects are unhashable", "hash(rs.ServerVad())", Raises(TypeError)),
    Snippet("objects are unordered", "rs.ServerVad() < rs.ServerVad()", Raises(TypeError)),
    Snippet("an object is truthy", "result = bool(rs.ServerVad())", True),
    # --- copy and replace -------------------------------------------------------------------
    Snippet(
        "copy.copy is equal, shallow",
        UPDATE + "import copy\ncopied = copy.copy(ev)\n"
        "result = (copied == ev, copied is ev, copied.session is ev.session)",
        (True, False, True),
    ),
    Snippet(
        "copy.deepcopy is equal, deep",
        UPDATE + "import copy\ncopied = copy.deepcopy(ev)\n"
        "result = (copied == ev, copied.session is ev.session)",
        (True, False),
    ),
    Snippet(
        "pickle round-trips",
        UPDATE + "import pickle\nresult = pickle.loads(pickle.dumps(ev)) == ev",
        True,
    ),
    Snippet(
        "rs.replace changes a copy, shallow",
        UPDATE + "new = rs.replace(ev, event_id='e2')\n"
        "result = (new.event_id, ev.event_id is rs.UNSET, new.session is ev.session)",
        ("e2", True, True),
    ),
    Snippet(
        "rs.replace with UNSET leaves a field out",
        "vad = rs.ServerVad(threshold=0.5, prefix_padding_ms=300)\n"
        "result = rs.encode(rs.replace(vad, threshold=rs.UNSET))",
        b'{"type":"server_vad","prefix_padding_ms":300}',
    ),
    Snippet(
        "rs.replace refuses a misspelt field",
        "rs.replace(rs.ServerVad(), thresold=0.5)",
        Raises(TypeError),
    ),
    Snippet(
        "rs.replace takes the class's own tag, and refuses another",
        "same = rs.replace(rs.ServerVad(), type='server_vad') == rs.ServerVad()\n"
        "try:\n    rs.replace(rs.ServerVad(), type='semantic_vad')\nexcept TypeError:\n"
        "    result = same",
        True,
    ),
    # --- repr and str -----------------------------------------------------------------------
    Snippet(
        "repr of a small object",
        "result = repr(rs.PcmAudioFormat(rate=24000))",
        "PcmAudioFormat(rate=24000)",
    ),
    Snippet(
        "repr leaves out absent fields and the tag",
        "result = repr(rs.ServerVad(threshold=0.5))",
        "ServerVad(threshold=0.5)",
    ),
    Snippet(
        "repr shows bytes by their length",
        "result = repr(rs.InputAudioBufferAppendEvent(audio=bytes(4800)))",
        "InputAudioBufferAppendEvent(audio=<4800 bytes>)",
    ),
    Snippet("repr of a nested event", UPDATE + "result = repr(ev)"),
    Snippet("repr of a decoded event", ERROR + "result = repr(ev)"),
    Snippet("str is repr", UPDATE + "result = str(ev) == repr(ev)", True),
    Snippet(
        "print shows the class", UPDATE + "result = f'{ev}'.startswith('SessionUpdateEvent(')", True
    ),
    # --- validate before sending ------------------------------------------------------------
    Snippet("a valid event passes", UPDATE + "result = rs.validate(ev)", None),
    Snippet(
        "a wrong type assigned in a client event",
        UPDATE + "ev.session.instructions = 123\nrs.validate(ev)",
        Raises(DecodeError, "$.session.instructions", "session.update"),
    ),
    Snippet(
        "a wrong type deep in a client event",
        UPDATE + "ev.session.audio.input.turn_detection.threshold = 'high'\nrs.validate(ev)",
        Raises(DecodeError, "$.session.audio.input.turn_detection.threshold", "session.update"),
    ),
    Snippet(
        "audio that is a str, not bytes, and not base64",
        "ev = rs.InputAudioBufferAppendEvent(audio=b'\\x00\\x01')\n"
        "ev.audio = 'not base64!'\nrs.validate(ev)",
        Raises(DecodeError, "$.audio", "input_audio_buffer.append"),
    ),
    Snippet(
        "a value that is not JSON at all",
        UPDATE + "ev.session.instructions = object()\nrs.validate(ev)",
        Raises(DecodeError, "$.session.instructions", "session.update"),
    ),
    Snippet(
        "a required field left UNSET",
        "ev = rs.ConversationItemDeleteEvent(item_id='item_1')\nev.item_id = rs.UNSET\n"
        "rs.validate(ev)",
        Raises(DecodeError, "$.item_id", "conversation.item.delete"),
    ),
    Snippet(
        "a server event is checked as a server event",
        ERROR + "ev.error.message = 5\nrs.validate(ev)",
        Raises(DecodeError, "$.error.message", "error"),
    ),
    Snippet(
        "an unknown client event passes",
        'result = rs.validate(rs.decode_client_event(b\'{"type":"future.request"}\'))',
        None,
    ),
    Snippet(
        "a list that holds itself",
        UPDATE + "loop = []\nloop.append(loop)\nev.session.output_modalities = loop\n"
        "rs.validate(ev)",
        Raises(DecodeError, "$", "session.update"),
    ),
    Snippet("validate takes events only", "rs.validate(rs.ServerVad())", Raises(TypeError)),
    Snippet(
        "validate leaves the event as it was",
        UPDATE + "before = rs.encode(ev)\nrs.validate(ev)\nresult = rs.encode(ev) == before",
        True,
    ),
]


@dataclass(frozen=True)
class Difference:
    """Documented behaviour that differs by backend: each must give its own outcome."""

    description: str
    code: str
    structs: Any
    models: Any
    protocol: str = "ga"


def _validation_error() -> type[BaseException]:
    from pydantic import ValidationError

    return ValidationError


DIFFERENCES = [
    Difference(
        "a value of the wrong type at construction: structs check none (it would cost every "
        "decode), models validate every keyword",
        "result = rs.encode(rs.ServerVad(threshold='high'))",
        structs=b'{"type":"server_vad","threshold":"high"}',
        models=Raises(_validation_error()),
    ),
    Difference(
        "audio that is not base64, passed as a str at construction",
        "result = rs.encode(rs.InputAudioBufferAppendEvent(audio='not base64!'))",
        structs=b'{"type":"input_audio_buffer.append","audio":"not base64!"}',
        models=Raises(_validation_error()),
    ),
    Difference(
        "a required field passed as UNSET: the structs keep it (encode leaves it out, which "
        "`validate` reports), the models treat it as left out",
        "result = rs.encode(rs.ConversationItemDeleteEvent(item_id=rs.UNSET))",
        structs=b'{"type":"conversation.item.delete"}',
        models=Raises(TypeError),
    ),
    Difference(
        "iterating an object: pydantic's own API (`for name, value in model`)",
        "result = dict(rs.PcmAudioFormat(rate=24000))",
        structs=Raises(TypeError),
        models={"type": "audio/pcm", "rate": 24000},
    ),
]
