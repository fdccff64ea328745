package scan

import (
	"errors"
	"fmt"
	"strings"
)

// Verdict is what a scan found. Its zero value, NotScanned, is never clean:
// a Result nobody filled in cannot let a file through.
type Verdict uint8

const (
	NotScanned Verdict = iota // the scanner was not asked, or gave no answer
	Clean                     // clamd scanned the whole file and found nothing
	Infected                  // clamd found a signature; Result.Signature names it
)

// Result is clamd's answer about one file.
type Result struct {
	Verdict   Verdict
	Signature string // the signature clamd reported, for Infected
}

// Clean reports whether the file was scanned whole and found clean.
func (r Result) Clean() bool { return r.Verdict == Clean }

func (r Result) String() string {
	switch r.Verdict {
	case Clean:
		return "clean"
	case Infected:
		return "infected: " + r.Signature
	}
	return "not scanned"
}

// Why a scan gave no verdict. Every error of Scan is one of these or the
// context's, and a file with an error must stay in quarantine.
var (
	// ErrUnavailable: clamd could not be reached or broke off without an answer.
	ErrUnavailable = errors.New("scan: clamd could not be asked")
	// ErrLimitExceeded: the file is larger than clamd's StreamMaxLength, or
	// expands beyond its MaxScanSize or MaxFileSize, so it was not scanned
	// whole (clamd says so only with AlertExceedsMax; see the package doc).
	ErrLimitExceeded = errors.New("scan: the file exceeds the scanner's limits and was not scanned whole")
	// ErrScanner: clamd answered with an error of its own, or with something
	// this client does not understand.
	ErrScanner = errors.New("scan: clamd could not scan the file")
)

// limitsExceeded begins the names clamd reports, with AlertExceedsMax, for a
// file it stopped scanning at one of its limits: no virus, but no verdict.
const limitsExceeded = "Heuristics.Limits.Exceeded"

// parseReply reads clamd's answer to INSTREAM, its terminator removed:
// "stream: OK", "stream: <signature> FOUND", or "... ERROR".
func parseReply(reply string) (Result, error) {
	if strings.HasSuffix(reply, " ERROR") {
		if strings.Contains(reply, "size limit exceeded") {
			return Result{}, fmt.Errorf("%w (clamd: %.200q)", ErrLimitExceeded, reply)
		}
		return Result{}, fmt.Errorf("%w: %.200q", ErrScanner, reply)
	}
	rest, ok := strings.CutPrefix(reply, "stream: ")
	if !ok {
		return Result{}, fmt.Errorf("%w: unexpected reply %.200q", ErrScanner, reply)
	}
	if rest == "OK" {
		return Result{Verdict: Clean}, nil
	}
	name, ok := strings.CutSuffix(rest, " FOUND")
	if !ok || name == "" || strings.ContainsAny(name, " \x00\n") {
		return Result{}, fmt.Errorf("%w: unexpected reply %.200q", ErrScanner, reply)
	}
	if strings.HasPrefix(name, limitsExceeded) {
		return Result{}, fmt.Errorf("%w (clamd: %s)", ErrLimitExceeded, name)
	}
	return Result{Verdict: Infected, Signature: name}, nil
}
