module realtime-schema.dev/bench

go 1.19

require realtime-schema.dev/go v0.0.0

replace realtime-schema.dev/go => ../../generated/go
