// Package scan asks ClamAV's daemon, clamd, whether a file carries a known
// virus, through clamd's INSTREAM protocol (clamd(8), "COMMANDS"): the
// command zINSTREAM, then the file in chunks, each a 4-byte big-endian
// length and the bytes, then a zero-length chunk; clamd answers
// "stream: OK", "stream: <signature> FOUND" or "<reason> ERROR". A file is
// streamed a chunk at a time and never held whole in memory, over TCP or a
// Unix socket, so clamd needs no access to chancery's files.
//
// A scan has three outcomes: Clean, Infected (with the signature's name),
// or an error. An error is never a clean file: a scanner that cannot be
// reached, that breaks off, or that stops at one of its limits leaves the
// file unscanned, and the caller keeps it in quarantine.
//
// clamd's limits need care. A stream longer than StreamMaxLength is
// refused ("INSTREAM size limit exceeded", ErrLimitExceeded), but a file
// (or an archive's content) beyond MaxFileSize or MaxScanSize is answered
// "OK" without being scanned whole unless AlertExceedsMax is on; then clamd
// reports "Heuristics.Limits.Exceeded…", which this package also returns
// as ErrLimitExceeded. Run clamd with AlertExceedsMax yes, and with
// StreamMaxLength no larger than MaxFileSize and MaxScanSize.
//
// The package scantest starts a real clamd for tests, with a database that
// sigtool makes from the EICAR test file at test time.
package scan
