package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/uploads/uploadstest"
)

// applicationFiles holds, per test server, an application with one file,
// made on first use.
var applicationFiles sync.Map // *testEnv -> applicationFile

type applicationFile struct {
	reference string
	id        int64
	content   []byte
}

// applicationWithFile is an application with one file kept for its
// identity item, straight through the store.
func applicationWithFile(t *testing.T, e *testEnv) applicationFile {
	t.Helper()
	if f, ok := applicationFiles.Load(e); ok {
		return f.(applicationFile)
	}
	ctx := context.Background()
	token, hash := booking.NewToken()
	_, code := booking.NewToken()
	app, err := e.DB.CreateApplication(ctx, store.NewApplication{Mission: "by-cg-chongqing", CaseType: "visa", Email: "staff-files@example.com",
		Lang: "en", TokenHash: hash, VerifyHash: code}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pdf := uploadstest.PDF(1, "")
	doc, err := e.DB.AddDocument(ctx, app.Reference, token, store.NewDocument{Item: "identity", Name: "Паспорт Li Wei.pdf", Type: "pdf",
		Content: pdf, Scan: casework.ScanNotScanned, CaseBytes: 50 << 20})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := applicationFiles.LoadOrStore(e, applicationFile{reference: app.Reference, id: doc.ID, content: pdf})
	return f.(applicationFile)
}

// caseFileActions are the staff routes of applicants' files, for the role matrix.
func caseFileActions(t *testing.T, e *testEnv) []staffAction {
	f := applicationWithFile(t, e)
	all := map[string]bool{"admin": true, "consul": true, "officer": true}
	return []staffAction{
		{"download an applicant's file", "GET", "/staff/applications/" + f.reference + "/files/" + strconv.FormatInt(f.id, 10), nil, 200, all},
	}
}

// TestStaffDownloadsApplicantFile: staff get an applicant's file only as
// a download (attachment, octet-stream, nosniff), the bytes as kept, and
// the read is in the audit log with who and which file; a file of
// another application, or none, is not found.
func TestStaffDownloadsApplicantFile(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := applicationWithFile(t, e)
	c := e.client()
	c.login("officer")
	path := "/staff/applications/" + f.reference + "/files/" + strconv.FormatInt(f.id, 10)
	req, _ := http.NewRequest("GET", e.URL+path, nil)
	res := c.send(req)
	h := res.Header
	if res.Status != 200 || res.Body != string(f.content) || h.Get("Content-Type") != "application/octet-stream" ||
		h.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") ||
		!strings.Contains(h.Get("Content-Disposition"), "filename*=utf-8''%D0%9F") || h.Get("Cache-Control") != "no-store" {
		t.Fatalf("download: %d %v", res.Status, h)
	}
	log, err := e.DB.AuditLog(context.Background(), store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(log) == 0 || log[0].Action != "casefile.download" || log[0].Actor != "officer" || !strings.Contains(log[0].EntityID, f.reference) {
		t.Errorf("the download is not audited: %+v", log[0])
	}
	for _, bad := range []string{"/staff/applications/NOPE-NOPE/files/" + strconv.FormatInt(f.id, 10), "/staff/applications/" + f.reference + "/files/999"} {
		if res := c.get(bad); res.Status != 404 {
			t.Errorf("%s: %d", bad, res.Status)
		}
	}
}
