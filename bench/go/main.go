// Command bench-go times the generated Go decoder for `make bench` (bench/go_row.py).
//
// It reads frames from the file -frames names (one per line, the base64 of its bytes), checks
// that each decodes to a known server event, then answers every line it reads on stdin with one
// sample: the nanoseconds per frame of back-to-back DecodeServerEvent passes over all frames,
// at least -min-ms long. The timing is Go's own: the process start is not in it.
package main

import (
	"bufio"
	"encoding/base64"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"realtime-schema.dev/go/beta"
	"realtime-schema.dev/go/ga"
	"realtime-schema.dev/go/translation"
)

type event interface{ EventType() string }

var decoders = map[string]func([]byte) (event, error){
	"ga":          func(b []byte) (event, error) { return ga.DecodeServerEvent(b) },
	"beta":        func(b []byte) (event, error) { return beta.DecodeServerEvent(b) },
	"translation": func(b []byte) (event, error) { return translation.DecodeServerEvent(b) },
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench-go: "+format+"\n", args...)
	os.Exit(2)
}

func main() {
	protocol := flag.String("protocol", "ga", "ga, beta or translation")
	path := flag.String("frames", "", "the frames, one base64 line each")
	minMs := flag.Float64("min-ms", 5, "the shortest sample")
	flag.Parse()
	decode, ok := decoders[*protocol]
	if !ok {
		fail("no protocol %q", *protocol)
	}
	text, err := os.ReadFile(*path)
	if err != nil {
		fail("%v", err)
	}
	var frames [][]byte
	for _, line := range strings.Fields(string(text)) {
		frame, err := base64.StdEncoding.DecodeString(line)
		if err != nil {
			fail("a frame that is not base64: %v", err)
		}
		frames = append(frames, frame)
	}
	for i, frame := range frames {
		ev, err := decode(frame)
		if err != nil || strings.HasPrefix(fmt.Sprintf("%T", ev), "*"+*protocol+".Unknown") {
			fail("frame %d is not a known event: %v", i, err)
		}
	}
	minimum := time.Duration(*minMs * float64(time.Millisecond))
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		passes := 0
		start := time.Now()
		for passes == 0 || time.Since(start) < minimum {
			for _, frame := range frames {
				if _, err := decode(frame); err != nil {
					fail("%v", err)
				}
			}
			passes++
		}
		elapsed := time.Since(start)
		fmt.Printf("%.1f\n", float64(elapsed.Nanoseconds())/float64(passes*len(frames)))
	}
}
