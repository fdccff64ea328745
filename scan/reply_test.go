package scan

import (
	"errors"
	"strings"
	"testing"
)

// TestParseReply: each of clamd's answers to INSTREAM, as clamd 1.4 writes
// them, gives its verdict; anything else is an error, never clean.
func TestParseReply(t *testing.T) {
	for _, c := range []struct {
		name   string
		reply  string
		want   Result
		wantIs error
	}{
		{"clean", "stream: OK", Result{Verdict: Clean}, nil},
		{"a signature", "stream: Win.Test.EICAR_HDB-1 FOUND", Result{Verdict: Infected, Signature: "Win.Test.EICAR_HDB-1"}, nil},
		{"an unofficial signature", "stream: Chancery.Test.EICAR.UNOFFICIAL FOUND", Result{Verdict: Infected, Signature: "Chancery.Test.EICAR.UNOFFICIAL"}, nil},
		{"over StreamMaxLength", "INSTREAM size limit exceeded. ERROR", Result{}, ErrLimitExceeded},
		{"over MaxScanSize, with AlertExceedsMax", "stream: Heuristics.Limits.Exceeded.MaxScanSize FOUND", Result{}, ErrLimitExceeded},
		{"over MaxFileSize, with AlertExceedsMax", "stream: Heuristics.Limits.Exceeded.MaxFileSize FOUND", Result{}, ErrLimitExceeded},
		{"clamd's own error", "stream: Can't allocate memory ERROR", Result{}, ErrScanner},
		{"an unknown command", "UNKNOWN COMMAND", Result{}, ErrScanner},
		{"empty", "", Result{}, ErrScanner},
		{"FOUND without a name", "stream:  FOUND", Result{}, ErrScanner},
		{"OK with more after it", "stream: OK then", Result{}, ErrScanner},
		{"a name with a space", "stream: Two Words FOUND", Result{}, ErrScanner},
		{"another stream's answer", "1: stream: OK", Result{}, ErrScanner},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseReply(c.reply)
			if got != c.want || !errors.Is(err, c.wantIs) || (c.wantIs == nil) != (err == nil) {
				t.Fatalf("parseReply(%q) = %v, %v; want %v, %v", c.reply, got, err, c.want, c.wantIs)
			}
		})
	}
}

// FuzzParseReply: whatever clamd (or whatever answers in its place) says,
// only "stream: OK" is clean, an infection always has a name, and an error
// never comes with a verdict.
func FuzzParseReply(f *testing.F) {
	for _, s := range []string{"stream: OK", "stream: X FOUND", "INSTREAM size limit exceeded. ERROR", "stream: Heuristics.Limits.Exceeded.MaxScanSize FOUND", "PONG"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, reply string) {
		res, err := parseReply(reply)
		switch {
		case err != nil && res != (Result{}):
			t.Fatalf("%q: an error with a verdict: %v, %v", reply, res, err)
		case res.Clean() && reply != "stream: OK":
			t.Fatalf("%q taken for clean", reply)
		case res.Verdict == Infected && (res.Signature == "" || !strings.HasSuffix(reply, " FOUND")):
			t.Fatalf("%q: infected by %q", reply, res.Signature)
		case err == nil && res.Verdict == NotScanned:
			t.Fatalf("%q: no verdict and no error", reply)
		}
	})
}
