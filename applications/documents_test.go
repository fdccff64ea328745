package applications_test

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/applications"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/outbox"
	"github.com/chancery-platform/chancery/scan"
	"github.com/chancery-platform/chancery/scan/scantest"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/uploads"
	"github.com/chancery-platform/chancery/uploads/uploadstest"
)

func TestMain(m *testing.M) { os.Exit(scantest.Around(func() int { return storetest.Run(m) })) }

// env is the workflows over a seeded database, with a raw connection to
// look at what the database holds.
type env struct {
	db  *store.DB
	dsn string
	raw *sql.DB
	as  *applications.Applications
}

func newEnv(t testing.TB, u applications.Uploads) env {
	t.Helper()
	dsn := storetest.Seeded.DSN(t)
	db := storetest.OpenDSN(t, dsn)
	words := func(lang, key string, data map[string]any) string { return key }
	w := outbox.NewWriter(words, func(string) bool { return true }, db.Now)
	as := applications.New(db, w, appointments.New(db, w, "https://consulate.example"))
	as.SetUploads(u)
	return env{db: db, dsn: dsn, raw: storetest.Raw(t, db, dsn), as: as}
}

// start begins a visa application from a confirmed address with every
// question answered: only its documents are missing.
func (e env) start(t testing.TB, email string) (string, string) {
	t.Helper()
	st, err := e.as.Start(t.Context(), applications.Start{Mission: "by-cg-chongqing", CaseType: "visa", Email: email, Lang: "en", IP: email})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.raw.Exec(`UPDATE applications SET confirmed_at = 1 WHERE reference = '` + st.Reference + `'`); err != nil {
		t.Fatal(err)
	}
	_, err = e.as.SaveAnswers(t.Context(), st.Reference, st.Token, casework.Answers{"visa_type": "c", "entries": "single",
		"purpose": "other", "purpose_other": "tourism", "arrival": "2027-03-15", "departure": "2027-03-20", "host": "Hotel Minsk",
		"refused_before": "no", "surname": "Eriksson", "given_names": "Anna Maria", "date_of_birth": "1974-08-12", "sex": "f",
		"nationality": "UTO", "passport_number": "L898902C3", "passport_expiry": "2030-04-15"})
	if err != nil {
		t.Fatal(err)
	}
	return st.Reference, st.Token
}

func (e env) content(t *testing.T, id int64) ([]byte, error) {
	t.Helper()
	r, err := e.db.OpenDocument(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	return io.ReadAll(r)
}

func key(err error) string {
	k, _ := chancery.ErrorKey(err)
	return k
}

// bigPDF is a valid PDF of about n bytes: a stream of filler.
func bigPDF(n int) []byte {
	return uploadstest.PDFWithStream(bytes.Repeat([]byte("0123456789abcdef"), n/16))
}

// TestDocumentsStoredAndCounted uploads the visa checklist's documents:
// each kept as it passed the checks (bytes equal after encryption and
// decryption, its hash and size recorded), counted for its item, so the
// application can be submitted once they are all there; without a
// scanner each says it was not scanned. A removed file no longer counts.
func TestDocumentsStoredAndCounted(t *testing.T) {
	t.Parallel()
	e := newEnv(t, applications.Uploads{})
	ref, token := e.start(t, "docs@example.com")
	if _, err := e.as.Submit(t.Context(), ref, token); key(err) != "error.case_document_missing" {
		t.Fatalf("submitted without documents: %v", err)
	}
	pdf := bigPDF(700 << 10) // three chunks
	doc, err := e.as.AddDocument(t.Context(), ref, token, "identity", `C:\Users\li\Desktop\pass‮gpj.pdf`, bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(pdf)
	if doc.Scan != casework.ScanNotScanned || doc.Type != "pdf" || doc.Size != int64(len(pdf)) || doc.SHA256 != hex.EncodeToString(sum[:]) ||
		doc.Name != "passgpj.pdf" || doc.Review != casework.ReviewPending {
		t.Errorf("kept %+v", doc)
	}
	if got, err := e.content(t, doc.ID); err != nil || !bytes.Equal(got, pdf) {
		t.Fatalf("read back %d bytes (%v), sent %d", len(got), err, len(pdf))
	}
	if dump := storetest.Dump(t, e.db, e.dsn, "application_file_chunks"); strings.Contains(dump, "0123456789abcdef") {
		t.Error("the content is kept in clear")
	}
	v, err := e.as.Show(t.Context(), ref, token)
	if err != nil || len(v.Application.Documents) != 1 || strings.Join(v.Missing.Documents, ",") != "photo,insurance" {
		t.Fatalf("after one upload: %+v %v", v.Missing, err)
	}
	photo, err := e.as.AddDocument(t.Context(), ref, token, "photo", "me.png", bytes.NewReader(uploadstest.PNG(360, 480)))
	if err != nil {
		t.Fatal(err)
	}
	if photo.Width != 360 || photo.Height != 480 || photo.Type != "png" {
		t.Errorf("photo kept as %+v", photo)
	}
	ins, err := e.as.AddDocument(t.Context(), ref, token, "insurance", "ins.pdf", bytes.NewReader(uploadstest.PDF(2, "")))
	if err != nil || ins.Pages != 2 {
		t.Fatalf("%+v %v", ins, err)
	}
	if err := e.as.RemoveDocument(t.Context(), ref, token, ins.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.as.Submit(t.Context(), ref, token); key(err) != "error.case_document_missing" {
		t.Fatalf("submitted without the removed file: %v", err)
	}
	if err := e.as.RemoveDocument(t.Context(), ref, token, ins.ID); key(err) != "error.upload_not_found" {
		t.Errorf("removed twice: %v", err)
	}
	if _, err := e.as.AddDocument(t.Context(), ref, token, "insurance", "ins.pdf", bytes.NewReader(uploadstest.PDF(1, ""))); err != nil {
		t.Fatal(err)
	}
	v, err = e.as.Submit(t.Context(), ref, token)
	if err != nil || v.Application.Stage != casework.Submitted {
		t.Fatalf("submit with every document: %v", err)
	}
	_, err = e.as.AddDocument(t.Context(), ref, token, "insurance", "more.pdf", bytes.NewReader(uploadstest.PDF(1, "")))
	if !errors.Is(err, casework.ErrNotEditable) {
		t.Errorf("upload once submitted: %v", err)
	}
	if err := e.as.RemoveDocument(t.Context(), ref, token, photo.ID); !errors.Is(err, casework.ErrNotEditable) {
		t.Errorf("removal once submitted: %v", err)
	}
	if _, err := e.as.AddDocument(t.Context(), ref, "wrong", "insurance", "x.pdf", bytes.NewReader(pdf)); key(err) != "error.application_not_found" {
		t.Errorf("with a wrong token: %v", err)
	}
}

// TestDocumentsEncryptedAtRest: a chunk moved to another place or file,
// a file cut short, or another key, and the file does not open.
func TestDocumentsEncryptedAtRest(t *testing.T) {
	t.Parallel()
	e := newEnv(t, applications.Uploads{})
	ref, token := e.start(t, "crypt@example.com")
	a, err := e.as.AddDocument(t.Context(), ref, token, "identity", "a.pdf", bytes.NewReader(bigPDF(600<<10)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.as.AddDocument(t.Context(), ref, token, "insurance", "b.pdf", bytes.NewReader(bigPDF(600<<10)))
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if e.db.Dialect == store.Postgres {
			for i := 1; strings.Contains(q, "?"); i++ {
				q = strings.Replace(q, "?", "$"+string(rune('0'+i)), 1)
			}
		}
		if _, err := e.raw.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	damaged := func(what string, id int64) {
		t.Helper()
		if _, err := e.content(t, id); !errors.Is(err, store.ErrFileDamaged) {
			t.Errorf("%s: read %v", what, err)
		}
	}
	// Swap a's first two chunks.
	exec(`UPDATE application_file_chunks SET idx = 99 WHERE file_id = ? AND idx = 0`, a.ID)
	exec(`UPDATE application_file_chunks SET idx = 0 WHERE file_id = ? AND idx = 1`, a.ID)
	exec(`UPDATE application_file_chunks SET idx = 1 WHERE file_id = ? AND idx = 99`, a.ID)
	damaged("chunks swapped", a.ID)
	// b's first chunk given to a.
	exec(`DELETE FROM application_file_chunks WHERE file_id = ? AND idx = 0`, a.ID)
	exec(`UPDATE application_file_chunks SET file_id = ? WHERE file_id = ? AND idx = 0`, a.ID, b.ID)
	damaged("another file's chunk", a.ID)
	damaged("a chunk missing", b.ID)

	c, err := e.as.AddDocument(t.Context(), ref, token, "photo", "c.png", bytes.NewReader(uploadstest.PNG(360, 480)))
	if err != nil {
		t.Fatal(err)
	}
	exec(`DELETE FROM application_file_chunks WHERE file_id = ? AND final = 1`, c.ID)
	damaged("cut short", c.ID)

	d, err := e.as.AddDocument(t.Context(), ref, token, "insurance", "d.pdf", bytes.NewReader(uploadstest.PDF(1, "")))
	if err != nil {
		t.Fatal(err)
	}
	other := storetest.OpenDSN(t, e.dsn)
	if err := other.SetDataKey(bytes.Repeat([]byte{7}, 32)); err != nil {
		t.Fatal(err)
	}
	r, _ := other.OpenDocument(t.Context(), d.ID)
	if _, err := io.ReadAll(r); !errors.Is(err, store.ErrFileDamaged) {
		t.Errorf("read with a wrong key: %v", err)
	}
	if _, err := e.content(t, d.ID); err != nil {
		t.Errorf("read with the right key: %v", err)
	}
}

// TestDocumentLimits: a file over the limit (413), a case over its limit
// (413), an item with as many files as it takes, a type the item does not
// take, an item not on the checklist (422), each with its own message.
func TestDocumentLimits(t *testing.T) {
	t.Parallel()
	e := newEnv(t, applications.Uploads{Limits: uploads.Limits{FileBytes: 300 << 10, CaseBytes: 500 << 10}})
	ref, token := e.start(t, "limits@example.com")
	add := func(item string, content []byte) error {
		_, err := e.as.AddDocument(t.Context(), ref, token, item, "f", bytes.NewReader(content))
		return err
	}
	cases := []struct {
		name, item string
		content    []byte
		code, key  string
	}{
		{"a file over the file limit", "identity", bigPDF(400 << 10), chancery.ETOOLARGE, "error.upload_too_large"},
		{"a file within it", "identity", bigPDF(280 << 10), "", ""},
		{"a second within it", "insurance", bigPDF(200 << 10), "", ""},
		{"the case over its limit", "insurance", bigPDF(100 << 10), chancery.ETOOLARGE, "error.upload_case_full"},
		{"a photo", "photo", uploadstest.PNG(360, 480), "", ""},
		{"a second photo where one is taken", "photo", uploadstest.PNG(360, 480), chancery.EINVALID, "error.upload_item_full"},
		{"a web page", "insurance", []byte("<!doctype html><p>hi"), chancery.EINVALID, "error.upload_type"},
		{"an item not on the checklist", "invitation", uploadstest.PDF(1, ""), chancery.EINVALID, "error.upload_item_unknown"},
	}
	for _, c := range cases {
		err := add(c.item, c.content)
		if chancery.ErrorCode(err) != c.code || (c.key != "" && key(err) != c.key) {
			t.Errorf("%s: %v, want %s %s", c.name, err, c.code, c.key)
		}
		if _, data := chancery.ErrorKey(err); c.key != "" && data["Field"] != "document:"+c.item {
			t.Errorf("%s: names the field %v", c.name, data["Field"])
		}
	}
}

// TestConcurrentUploadsKeepTheCaseLimit: two uploads at once, each within
// the case's limit and together over it: one is kept.
func TestConcurrentUploadsKeepTheCaseLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, applications.Uploads{Limits: uploads.Limits{CaseBytes: 300 << 10}})
	ref, token := e.start(t, "race@example.com")
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, item := range []string{"identity", "insurance"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = e.as.AddDocument(t.Context(), ref, token, item, "f.pdf", bytes.NewReader(bigPDF(200<<10)))
		}()
	}
	wg.Wait()
	kept := 0
	for _, err := range errs {
		switch {
		case err == nil:
			kept++
		case key(err) != "error.upload_case_full":
			t.Errorf("refused with %v", err)
		}
	}
	var sum int64
	if err := e.raw.QueryRow(`SELECT COALESCE(SUM(size), 0) FROM application_files`).Scan(&sum); err != nil {
		t.Fatal(err)
	}
	if kept != 1 || sum > 300<<10 {
		t.Errorf("kept %d files weighing %d", kept, sum)
	}
}

// TestVirusScan scans with a real clamd: the EICAR test file is refused
// (infected, its signature named, its content dropped, not counted); a
// clean file is clean; a file uploaded while clamd cannot be reached
// waits in quarantine, counted as uploaded, until the job scans it.
func TestVirusScan(t *testing.T) {
	t.Parallel()
	clamd := scantest.Shared(t)
	e := newEnv(t, applications.Uploads{Scanner: scan.NewClient(clamd.TCP)})
	ref, token := e.start(t, "virus@example.com")
	bad, err := e.as.AddDocument(t.Context(), ref, token, "identity", "eicar.pdf", bytes.NewReader(uploadstest.PDFWithStream(scantest.EICAR())))
	if err != nil {
		t.Fatal(err)
	}
	if bad.Scan != casework.ScanInfected || bad.Signature != scantest.BodySignature {
		t.Errorf("EICAR: %s %q", bad.Scan, bad.Signature)
	}
	v, _ := e.as.Show(t.Context(), ref, token)
	if v.Missing.Documents[0] != "identity" || v.Application.Documents[0].Scan != casework.ScanInfected {
		t.Errorf("an infected file counts: %+v", v.Missing)
	}
	var chunks int
	e.raw.QueryRow(`SELECT COUNT(*) FROM application_file_chunks`).Scan(&chunks)
	if chunks != 0 {
		t.Errorf("an infected file's content is kept: %d chunks", chunks)
	}
	good, err := e.as.AddDocument(t.Context(), ref, token, "identity", "ok.pdf", bytes.NewReader(uploadstest.PDF(1, "")))
	if err != nil || good.Scan != casework.ScanClean {
		t.Fatalf("a clean file: %+v %v", good, err)
	}

	// clamd out of reach: the file waits.
	down, _ := scan.ParseAddress("tcp://127.0.0.1:1")
	e.as.SetUploads(applications.Uploads{Scanner: scan.NewClient(down)})
	waiting, err := e.as.AddDocument(t.Context(), ref, token, "insurance", "ins.pdf", bytes.NewReader(uploadstest.PDF(1, "")))
	if err != nil || waiting.Scan != casework.ScanPending {
		t.Fatalf("scanner down: %+v %v", waiting, err)
	}
	v, _ = e.as.Show(t.Context(), ref, token)
	if len(v.Missing.Documents) != 1 || v.Missing.Documents[0] != "photo" {
		t.Errorf("a pending file does not count as uploaded: %v", v.Missing.Documents)
	}
	if n, err := e.as.ScanPending(t.Context()); err != nil || n != 0 {
		t.Errorf("job with clamd down: %d %v", n, err)
	}
	staff := store.Actor{Name: "officer"}
	if _, _, err := e.as.Download(t.Context(), staff, "", ref, waiting.ID); !errors.Is(err, store.ErrQuarantined) {
		t.Errorf("a file in quarantine served to staff: %v", err)
	}
	if _, _, err := e.as.Download(t.Context(), staff, "", ref, bad.ID); !errors.Is(err, store.ErrDocumentNotFound) {
		t.Errorf("an infected file served to staff: %v", err)
	}
	e.as.SetUploads(applications.Uploads{Scanner: scan.NewClient(clamd.TCP)})
	if n, err := e.as.ScanPending(t.Context()); err != nil || n != 1 {
		t.Errorf("job with clamd back: %d %v", n, err)
	}
	if d, err := e.db.Document(t.Context(), waiting.ID); err != nil || d.Scan != casework.ScanClean {
		t.Errorf("after the job: %+v %v", d, err)
	}
	_, r, err := e.as.Download(t.Context(), staff, "", ref, waiting.ID)
	if err != nil {
		t.Fatalf("a clean file: %v", err)
	}
	defer r.Close()
	if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, uploadstest.PDF(1, "")) {
		t.Errorf("downloaded %d bytes: %v", len(got), err)
	}
}
