package applications

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/scan"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/uploads"
)

// Uploads is how the applicant's files are checked and scanned.
type Uploads struct {
	// Limits bound each file and each case (uploads.DefaultLimits for
	// zero fields).
	Limits uploads.Limits
	// Scanner checks files for viruses through clamd; nil scans nothing,
	// and files say they were not scanned.
	Scanner *scan.Client
	// Log notes scans that got no verdict; nil is slog.Default.
	Log *slog.Logger
}

func (u Uploads) log() *slog.Logger {
	if u.Log == nil {
		return slog.Default()
	}
	return u.Log
}

// SetUploads sets how files are checked and scanned.
func (as *Applications) SetUploads(u Uploads) { as.uploads = u }

// Limits are the upload limits in force, defaults filled in.
func (as *Applications) Limits() uploads.Limits {
	l, d := as.uploads.Limits, uploads.DefaultLimits()
	if l.FileBytes <= 0 {
		l.FileBytes = d.FileBytes
	}
	if l.CaseBytes <= 0 {
		l.CaseBytes = d.CaseBytes
	}
	return l
}

// Scans reports whether uploaded files are scanned for viruses.
func (as *Applications) Scans() bool { return as.uploads.Scanner != nil }

// AddDocument checks a file uploaded for a checklist item of the
// application (uploads.Check: the type from the content, PDFs parsed,
// images encoded anew, the limits) and keeps it, encrypted, while the
// application is editable. With a scanner the file waits in quarantine
// (pending) and is scanned at once; a scan that gets no verdict leaves it
// pending for ScanPending to try again.
func (as *Applications) AddDocument(ctx context.Context, reference, token, item, name string, r io.Reader) (casework.Document, error) {
	a, t, err := as.db.ApplicationByToken(ctx, reference, token)
	if err != nil {
		return casework.Document{}, err
	}
	if !a.Editable() {
		return casework.Document{}, casework.ErrNotEditable
	}
	var rule *casework.DocumentRule
	for _, d := range t.Checklist(a.Answers) {
		if d.ID == item {
			rule = &d
			break
		}
	}
	if rule == nil {
		return casework.Document{}, store.ErrDocumentItem.With("Field", "document:"+item)
	}
	var weight int64
	for _, d := range a.Documents {
		if d.Scan != casework.ScanInfected && d.Scan != casework.ScanFailed {
			weight += d.Size
		}
	}
	limits := as.Limits()
	f, err := uploads.Check(ctx, r, *rule, limits, weight)
	if err != nil {
		return casework.Document{}, withField(err, "document:"+item)
	}
	verdict := casework.ScanNotScanned
	if as.Scans() {
		verdict = casework.ScanPending
	}
	doc, err := as.db.AddDocument(ctx, reference, token, store.NewDocument{Item: item, Name: name, Type: f.Type, Pages: f.Pages,
		Width: f.Width, Height: f.Height, Content: f.Bytes, Scan: verdict, CaseBytes: limits.CaseBytes})
	if err != nil || !as.Scans() {
		return doc, err
	}
	if v, sig, ok := as.scan(ctx, doc.ID, bytes.NewReader(f.Bytes)); ok {
		if err := as.db.RecordScan(ctx, doc.ID, v, sig); err != nil {
			return doc, err
		}
		doc.Scan, doc.Signature = v, sig
	}
	return doc, nil
}

// RemoveDocument drops one of the application's files while it is editable.
func (as *Applications) RemoveDocument(ctx context.Context, reference, token string, id int64) error {
	return as.db.RemoveDocument(ctx, reference, token, id)
}

// scan asks the scanner about a file: its verdict and signature, or
// ok false when it gave none (unreachable, broke off), which it notes.
func (as *Applications) scan(ctx context.Context, id int64, r io.Reader) (verdict, signature string, ok bool) {
	res, err := as.uploads.Scanner.Scan(ctx, r)
	switch {
	case errors.Is(err, scan.ErrLimitExceeded):
		return casework.ScanFailed, "", true
	case err != nil:
		as.uploads.log().Warn("virus scan got no verdict; the file stays in quarantine", "file", id, "err", err)
		if err := as.db.RecordScanAttempt(ctx, id); err != nil {
			as.uploads.log().Warn("count a scan attempt", "file", id, "err", err)
		}
		return "", "", false
	case res.Verdict == scan.Infected:
		return casework.ScanInfected, res.Signature, true
	case res.Clean():
		return casework.ScanClean, "", true
	}
	return "", "", false
}

// scanBatch is how many pending files one run of ScanPending takes.
const scanBatch = 50

// ScanPending scans the files still waiting in quarantine, oldest first,
// streaming each from storage: the background job that retries what the
// scan at upload could not finish. It returns how many got a verdict.
func (as *Applications) ScanPending(ctx context.Context) (int, error) {
	if !as.Scans() {
		return 0, nil
	}
	ids, err := as.db.PendingDocuments(ctx, scanBatch)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		r, err := as.db.OpenDocument(ctx, id)
		if err != nil {
			return n, err
		}
		v, sig, ok := as.scan(ctx, id, r)
		r.Close()
		if !ok {
			continue
		}
		if err := as.db.RecordScan(ctx, id, v, sig); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Download streams a file of one of the mission's applications to a
// staff member; the store audits the read before any byte is served.
func (as *Applications) Download(ctx context.Context, who store.Actor, mission, reference string, id int64) (casework.Document, io.ReadCloser, error) {
	return as.db.DownloadDocument(ctx, who, mission, reference, id)
}

// withField names the form field an error of the checks is about, so the
// page puts the message beside the item's upload form.
func withField(err error, field string) error {
	var e *chancery.Error
	if !errors.As(err, &e) {
		return err
	}
	data := []any{"Field", field}
	for k, v := range e.Data {
		if k != "Field" {
			data = append(data, k, v)
		}
	}
	return e.With(data...)
}
