// Hand-written, not generated: `make generate` never writes go/internal/ (generated/README.md).

package apitest

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"realtime-schema.dev/go/beta"
	"realtime-schema.dev/go/ga"
	"realtime-schema.dev/go/translation"
)

const audioDelta = `{"type":"response.output_audio.delta","event_id":"event_1","response_id":"resp_1",` +
	`"item_id":"item_1","output_index":0,"content_index":0,"delta":"AAAA//8="}`

// An item whose `type` GA does not define (a repeated key in it: the last wins).
const itemAdded = `{"type":"conversation.item.added","event_id":"e","item":{"type":"zz","a":1,"a":[1,"b"]}}`

func TestDecodeServerEvent(t *testing.T) {
	cases := []struct {
		name      string
		frame     string
		class     string // the %T of the event, or "" for an error
		path      string // the DecodeError's path
		eventType string // the DecodeError's event type
	}{
		{"an audio delta", audioDelta, "*ga.ResponseOutputAudioDeltaEvent", "", ""},
		{"an unknown type", `{"type":"future.event","x":1}`, "*ga.UnknownServerEvent", "", ""},
		{"undeclared fields", strings.Replace(audioDelta, `"delta"`, `"new":{"a":[1]},"delta"`, 1), "*ga.ResponseOutputAudioDeltaEvent", "", ""},
		{"not JSON", `{not json`, "", "$", ""},
		{"not an object", `[1]`, "", "$", ""},
		{"no type", `{"event_id":"e"}`, "", "$.type", ""},
		{"a type that is not a string", `{"type":5}`, "", "$.type", ""},
		{"a required field left out", `{"type":"input_audio_buffer.cleared"}`, "", "$.event_id", "input_audio_buffer.cleared"},
		{"a wrong type", strings.Replace(audioDelta, `"output_index":0`, `"output_index":"0"`, 1), "", "$.output_index", "response.output_audio.delta"},
		{"URL-safe base64", strings.Replace(audioDelta, "AAAA//8=", "AAAA__8=", 1), "", "$.delta", "response.output_audio.delta"},
		{"unpadded base64", strings.Replace(audioDelta, "AAAA//8=", "AAAA//8", 1), "", "$.delta", "response.output_audio.delta"},
		{"the first fault in document order", `{"type":"response.output_audio.delta","delta":"!","event_id":5}`, "", "$.delta", "response.output_audio.delta"},
		{"a key in another case", strings.Replace(audioDelta, `"delta"`, `"Delta"`, 1), "", "$.delta", "response.output_audio.delta"},
		{"NaN", strings.Replace(audioDelta, `"output_index":0`, `"output_index":NaN`, 1), "", "$", ""},
		{"1e400 in a field", strings.Replace(audioDelta, `"output_index":0`, `"output_index":1e400`, 1), "", "$.output_index", "response.output_audio.delta"},
		{"invalid UTF-8 in a field", strings.Replace(audioDelta, "event_1", "event_\xff", 1), "", "$.event_id", "response.output_audio.delta"},
		{"invalid UTF-8, undeclared", strings.Replace(audioDelta, `"delta"`, "\"x\":\"\xff\",\"delta\"", 1), "*ga.ResponseOutputAudioDeltaEvent", "", ""},
		{"an unknown nested variant", itemAdded, "*ga.ConversationItemAddedEvent", "", ""},
		{"an unknown nested variant holding 1e400", strings.Replace(itemAdded, "[1,", "[1e400,", 1), "", "$.item.type", "conversation.item.added"},
		{"an unknown nested variant holding bytes that are not UTF-8", strings.Replace(itemAdded, `"b"`, "\"\xff\"", 1), "", "$.item.type", "conversation.item.added"},
		{"invalid UTF-8 in an unknown event", "{\"type\":\"x\",\"a\":[{\"b\":\"\xff\"}]}", "", "$.a[0].b", ""},
		{"invalid UTF-8 in a key of an unknown event", "{\"type\":\"x\",\"a\":{\"\xff\":1}}", "", "$.a", ""},
		{"a nested union's unknown tag in a client event", `{"type":"conversation.item.create","item":{"type":"zz"}}`, "", "", ""},
	}
	for _, c := range cases {
		event, err := ga.DecodeServerEvent([]byte(c.frame))
		if c.class == "" && c.path == "" {
			continue // a client event, below
		}
		if c.class != "" {
			if err != nil || fmt.Sprintf("%T", event) != c.class {
				t.Errorf("%s: got %T, %v; want %s", c.name, event, err, c.class)
			}
			continue
		}
		var invalid *ga.DecodeError
		if event != nil || !errors.As(err, &invalid) {
			t.Errorf("%s: got %T, %v; want a *DecodeError", c.name, event, err)
			continue
		}
		if invalid.Path != c.path || invalid.EventType != c.eventType {
			t.Errorf("%s: got %q at %s, want %q at %s", c.name, invalid.EventType, invalid.Path, c.eventType, c.path)
		}
	}
	_, err := ga.DecodeClientEvent([]byte(`{"type":"conversation.item.create","item":{"type":"zz"}}`))
	var invalid *ga.DecodeError
	if !errors.As(err, &invalid) || invalid.Path != "$.item.type" {
		t.Errorf("client events are strict: %v", err)
	}
}

func TestDecodedValues(t *testing.T) {
	event, err := ga.DecodeServerEvent([]byte(audioDelta))
	if err != nil {
		t.Fatal(err)
	}
	delta := event.(*ga.ResponseOutputAudioDeltaEvent)
	if !bytes.Equal(delta.Delta, []byte{0, 0, 0, 0xff, 0xff}) || delta.EventType() != "response.output_audio.delta" {
		t.Errorf("got %+v", delta)
	}
	if n, ok := delta.OutputIndex.Int64(); !ok || n != 0 || delta.ItemID != "item_1" {
		t.Errorf("got %+v", delta)
	}
	added, err := ga.DecodeServerEvent([]byte(itemAdded))
	if err != nil {
		t.Fatal(err)
	}
	item, ok := added.(*ga.ConversationItemAddedEvent).Item.(*ga.UnknownConversationItem)
	if !ok || item.Type != "zz" || item.Tag() != "zz" || string(item.Raw) != `{"type":"zz","a":[1,"b"]}` {
		t.Errorf("got %+v", added)
	}
	if wire, err := ga.Encode(added); err != nil || !strings.HasSuffix(string(wire), `"item":{"type":"zz","a":[1,"b"]}}`) {
		t.Errorf("the unknown variant written back: %s, %v", wire, err)
	}
	unknown, _ := ga.DecodeServerEvent([]byte(`{"type":"future.event","b":1,"a":{"x":1,"x":2}}`))
	u := unknown.(*ga.UnknownServerEvent)
	if u.Type != "future.event" || string(u.Raw) != `{"type":"future.event","b":1,"a":{"x":2}}` {
		t.Errorf("got %+v", u)
	}
}

func TestAbsentNullAndValueStayApart(t *testing.T) {
	frames := map[string]string{
		"absent": `{"type":"input_audio_buffer.append","audio":""}`,
		"null":   `{"type":"input_audio_buffer.append","event_id":null,"audio":""}`,
		"value":  `{"type":"input_audio_buffer.append","event_id":"e","audio":""}`,
	}
	for want, frame := range frames {
		event, err := ga.DecodeClientEvent([]byte(frame))
		if err != nil {
			t.Fatal(err)
		}
		id := event.(*ga.InputAudioBufferAppendEvent).EventID
		got := map[bool]string{id.IsAbsent(): "absent", id.IsNull(): "null", id.HasValue(): "value"}[true]
		if got != want || id.Or("-") != map[string]string{"absent": "-", "null": "-", "value": "e"}[want] {
			t.Errorf("%s: got %s (%q)", frame, got, id.Value())
		}
		wire, err := ga.Encode(event)
		if err != nil || string(wire) != frame {
			t.Errorf("encode kept %s: %s, %v", want, wire, err)
		}
	}
}

func TestEncode(t *testing.T) {
	cases := []struct {
		name  string
		event ga.Event
		want  string // the JSON, or the EncodeError's path
		fails bool
	}{
		{"audio as base64", &ga.InputAudioBufferAppendEvent{Audio: []byte{0, 0, 0, 0xff, 0xff}},
			`{"type":"input_audio_buffer.append","audio":"AAAA//8="}`, false},
		{"a nested session", &ga.SessionUpdateEvent{Session: &ga.RealtimeSessionConfig{
			Instructions: ga.Some("Be brief."),
			Audio: ga.Some(ga.SessionAudio{Input: ga.Some(ga.SessionAudioInput{
				TurnDetection: ga.Some[ga.TurnDetection](&ga.ServerVad{Threshold: ga.Some(0.6)}),
			})}),
			MaxOutputTokens: ga.Some(ga.IntOrInf{Int: ga.Ptr(ga.IntOf(4096))}),
		}}, `{"type":"session.update","session":{"type":"realtime","instructions":"Be brief.",` +
			`"audio":{"input":{"turn_detection":{"type":"server_vad","threshold":0.6}}},"max_output_tokens":4096}}`, false},
		{"null sent as null", &ga.SessionUpdateEvent{Session: &ga.RealtimeSessionConfig{
			Audio: ga.Some(ga.SessionAudio{Input: ga.Some(ga.SessionAudioInput{TurnDetection: ga.Null[ga.TurnDetection]()})}),
		}}, `{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":null}}}}`, false},
		{"a required union left unset", &ga.SessionUpdateEvent{}, "$.session", true},
		{"a choice with no field set", &ga.SessionUpdateEvent{Session: &ga.RealtimeSessionConfig{
			MaxOutputTokens: ga.Some(ga.IntOrInf{})}}, "$.session.max_output_tokens", true},
		{"a value outside an enumeration", &ga.SessionUpdateEvent{Session: &ga.RealtimeSessionConfig{
			MaxOutputTokens: ga.Some(ga.IntOrInf{Enum: ga.Ptr("infinite")})}}, "$.session.max_output_tokens", true},
		{"a float that is not finite", &ga.SessionUpdateEvent{Session: &ga.RealtimeSessionConfig{
			Audio: ga.Some(ga.SessionAudio{Input: ga.Some(ga.SessionAudioInput{
				TurnDetection: ga.Some[ga.TurnDetection](&ga.ServerVad{Threshold: ga.Some(math.NaN())}),
			})})}}, "$.session.audio.input.turn_detection.threshold", true},
		{"a string that is not UTF-8", &ga.InputAudioBufferAppendEvent{EventID: ga.Some("\xff")}, "$.event_id", true},
		{"a nil event", (*ga.InputAudioBufferAppendEvent)(nil), "$", true},
		{"an unknown event, back from Raw", &ga.UnknownClientEvent{Type: "x", Raw: []byte(`{"type": "x", "a": [1.5]}`)},
			`{"type":"x","a":[1.5]}`, false},
		{"an unknown event whose Raw is not JSON", &ga.UnknownClientEvent{Type: "x", Raw: []byte(`{"type":`)}, "$", true},
	}
	for _, c := range cases {
		wire, err := ga.Encode(c.event)
		var refused *ga.EncodeError
		switch {
		case c.fails && (!errors.As(err, &refused) || refused.Path != c.want):
			t.Errorf("%s: got %s, %v; want an EncodeError at %s", c.name, wire, err, c.want)
		case !c.fails && (err != nil || string(wire) != c.want):
			t.Errorf("%s: got %s, %v; want %s", c.name, wire, err, c.want)
		}
	}
	if _, err := ga.Encode(nil); err == nil {
		t.Error("Encode(nil) must be an error")
	}
}

func TestRoundTrip(t *testing.T) {
	frames := []string{
		audioDelta,
		`{"type":"conversation.item.added","event_id":"e","previous_item_id":null,"item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"},{"type":"input_audio","audio":"AAAA"}]}}`,
		`{"type":"rate_limits.updated","event_id":"e","rate_limits":[{"name":"tokens","limit":100,"remaining":99,"reset_seconds":1e-3}]}`,
	}
	for _, frame := range frames {
		first, err := ga.DecodeServerEvent([]byte(frame))
		if err != nil {
			t.Fatalf("%s: %v", frame, err)
		}
		wire, err := ga.Encode(first)
		if err != nil {
			t.Fatal(err)
		}
		second, err := ga.DecodeServerEvent(wire)
		if err != nil || !reflect.DeepEqual(first, second) {
			t.Errorf("%s did not round-trip: %s, %v", frame, wire, err)
		}
	}
}

func TestOneErrorTypeForEveryProtocol(t *testing.T) {
	_, err1 := beta.DecodeServerEvent([]byte(`{}`))
	_, err2 := translation.DecodeClientEvent([]byte(`{}`))
	var invalid *ga.DecodeError // an alias: the same type in every package
	if !errors.As(err1, &invalid) || !errors.As(err2, &invalid) || invalid.Path != "$.type" {
		t.Errorf("%v, %v", err1, err2)
	}
	if len(ga.ServerEventTypes) == 0 || len(beta.ClientEventTypes) == 0 || len(translation.ServerEventTypes) == 0 {
		t.Error("event type lists")
	}
}

func TestIntegersOfAnySize(t *testing.T) {
	frame := strings.Replace(audioDelta, `"output_index":0`, `"output_index":123456789012345678901234567890`, 1)
	event, err := ga.DecodeServerEvent([]byte(frame))
	if err != nil {
		t.Fatal(err)
	}
	index := event.(*ga.ResponseOutputAudioDeltaEvent).OutputIndex
	if _, fits := index.Int64(); fits || index.String() != "123456789012345678901234567890" {
		t.Errorf("got %v", index)
	}
	wire, _ := ga.Encode(event)
	if !bytes.Contains(wire, []byte(`"output_index":123456789012345678901234567890`)) {
		t.Errorf("got %s", wire)
	}
}

// Truncations and single-byte damage of valid frames: each is an event or a *DecodeError.
func TestDamagedFramesNeverPanic(t *testing.T) {
	frames := []string{audioDelta, `{"type":"session.update","session":{"type":"realtime","tools":[{"type":"function","name":"f","parameters":{"a":[1,{"b":null}]}}],"max_output_tokens":"inf"}}`}
	for _, frame := range frames {
		for cut := 0; cut <= len(frame); cut++ {
			for _, b := range []byte{0, '"', '\\', '{', ']', ',', '1', 0xff} {
				damaged := []byte(frame[:cut] + string([]byte{b}) + frame[cut:])
				for _, decode := range []func([]byte) (ga.Event, error){
					func(f []byte) (ga.Event, error) { return ga.DecodeServerEvent(f) },
					func(f []byte) (ga.Event, error) { return ga.DecodeClientEvent(f) },
				} {
					event, err := decode(damaged)
					var invalid *ga.DecodeError
					if (event == nil) == (err == nil) || (err != nil && !errors.As(err, &invalid)) {
						t.Fatalf("%q: %v, %v", damaged, event, err)
					}
					if event != nil {
						if _, err := ga.Encode(event); err != nil {
							t.Fatalf("%q decoded but does not encode: %v", damaged, err)
						}
					}
				}
			}
		}
	}
}
