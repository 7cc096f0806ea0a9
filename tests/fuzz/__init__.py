"""Differential fuzzing: generate and mutate frames, then ask three judges (jsonschema, structs,
models) for a verdict on each. `instances` builds valid events from the intermediate model,
`mutations` breaks them, `frames` writes the JSON text (with what `json.dumps` cannot write:
repeated keys, literal numbers), `judges` gives the verdicts, `campaign` runs it all.
"""
