"""Emit `asyncapi/<protocol>.asyncapi.json`: the WebSocket as an AsyncAPI 3.0 document.

It describes a client of the API: it `send`s the client events and `receive`s the server
events, on one channel. Each event is one message whose payload is a JSON Schema 2020-12
`$ref` to the event's canonical URI, which the bundle (`x-schema-bundle`) defines. The refs are
canonical URIs rather than JSON Pointers into the bundle file because the embedded files keep
their relative refs (2020-12 bundling): those resolve against each embedded `$id`, which a
plain JSON-reference resolver (AsyncAPI's included) does not honour. A resolver that maps
`https://realtime-schema.dev/schema/` to the bundle's embedded resources resolves everything
offline (tests/node/asyncapi.mjs does this).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from codegen import emit_bundle, examples, naming
from codegen.ir import Direction, Protocol
from codegen.parser import SchemaError

ASYNCAPI_VERSION = "3.0.0"
SCHEMA_FORMAT = "application/schema+json;version=draft-2020-12"
CHANNEL = "realtime"
WS_BINDING_VERSION = "0.1.0"
_ACTIONS: dict[Direction, tuple[str, str]] = {
    "client": ("send", "sendClientEvent"),
    "server": ("receive", "receiveServerEvent"),
}


def asyncapi_file(protocol: Protocol) -> str:
    return f"{protocol.name}.asyncapi.json"


def emit(
    protocol: Protocol,
    documents: dict[str, dict[str, Any]],
    version: str,
    transport: dict[str, Any],
) -> dict[str, Any]:
    endpoint = transport["protocols"].get(protocol.name)
    if endpoint is None:
        raise SchemaError(f"schema/transport.json: no endpoint for protocol {protocol.name!r}")
    url = urlsplit(endpoint["url"])
    uris = emit_bundle.definition_uris(documents)
    messages = {}
    for event in protocol.all_events():
        model = protocol.models[event.model]
        messages[event.model] = {
            "name": event.type,
            "title": event.model,
            "summary": _first_sentence(model.description),
            "description": model.description,
            "contentType": "application/json",
            "payload": {"schemaFormat": SCHEMA_FORMAT, "schema": {"$ref": uris[event.model]}},
            "examples": [
                {
                    "name": "minimal",
                    "payload": examples.example(protocol, documents, event.model),
                }
            ],
        }
    notice = " ".join(naming.notice(protocol, "AsyncAPI document"))
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "x-generated": notice,  # the root takes no `$comment`, only `x-` extensions
        "x-schema-bundle": f"../schema/{emit_bundle.bundle_file(protocol)}",
        "info": {
            "title": f"OpenAI Realtime API, {protocol.name} protocol (realtime-schema)",
            "version": version,
            "description": (
                f"{endpoint['description']} This document describes a client: it sends the "
                "client events and receives the server events. Payloads are JSON Schema "
                "2020-12; their `$ref`s are canonical URIs defined by the bundle named in "
                f"`x-schema-bundle`. {notice}"
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "openai": {
                "host": url.netloc,
                "protocol": url.scheme,
                "description": "OpenAI's API.",
            }
        },
        "channels": {
            CHANNEL: {
                "address": url.path,
                "title": f"Realtime {protocol.name} WebSocket",
                "description": endpoint["description"],
                "servers": [{"$ref": "#/servers/openai"}],
                "messages": {name: {"$ref": f"#/components/messages/{name}"} for name in messages},
                "bindings": {
                    "ws": {
                        "method": "GET",
                        "query": _string_object(endpoint["query"]),
                        "headers": _string_object(endpoint["headers"]),
                        "bindingVersion": WS_BINDING_VERSION,
                    }
                },
            }
        },
        "operations": {
            name: {
                "action": action,
                "channel": {"$ref": f"#/channels/{CHANNEL}"},
                "title": f"{action.capitalize()} a {direction} event",
                "summary": protocol.event_union(direction).description,
                "messages": [
                    {"$ref": f"#/channels/{CHANNEL}/messages/{event.model}"}
                    for event in protocol.events(direction)
                ],
            }
            for direction, (action, name) in _ACTIONS.items()
        },
        "components": {"messages": messages},
    }


def _string_object(described: dict[str, str]) -> dict[str, Any]:
    """A binding's query or headers: an object schema of named strings."""
    properties = {name: {"type": "string", "description": text} for name, text in described.items()}
    return {"type": "object", "properties": properties}


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text
