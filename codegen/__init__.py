"""`make generate`: schema/ → intermediate model (codegen.ir) → generated/realtime_schema."""
