package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// TestApplicationExport: the applicant downloads what the mission holds
// about their application, from the page's link or the API with the
// token: a zip of case.json (answers with their questions, address,
// history, files listed) and each file kept, byte for byte. A wrong
// token gets the same 404 as an unknown reference, and no archive.
func TestApplicationExport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ref, token := storetest.StartApplication(t, e.DB, "notarial-act", "export.me@example.com")
	ctx := t.Context()
	if _, err := e.DB.SaveAnswers(ctx, ref, token, casework.Answers{"act": "consent", "details": "Consent for my daughter's trip"}); err != nil {
		t.Fatal(err)
	}
	content := []byte("the passport page, as kept")
	if _, err := e.DB.AddDocument(ctx, ref, token, store.NewDocument{Item: "identity", Name: "passport.png", Type: casework.TypePNG,
		Width: 10, Height: 10, Content: content, Scan: casework.ScanNotScanned, CaseBytes: 1 << 20}); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	for _, path := range []string{"/applications/" + ref + "/export?token=" + token, "/api/v1/applications/" + ref + "/export?token=" + token} {
		res := c.get(path)
		if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "application/zip" ||
			!strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment;") || res.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("%s: %d %v", path, res.Status, res.Header)
		}
		z, err := zip.NewReader(bytes.NewReader([]byte(res.Body)), int64(len(res.Body)))
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, f := range z.File {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			files[f.Name], _ = io.ReadAll(r)
			r.Close()
		}
		var got struct {
			Reference, Email string
			Answers          []struct{ Question, Label, Answer string }
			Documents        []struct{ Name, File string }
			History          []struct{ Stage string }
		}
		if err := json.Unmarshal(files["case.json"], &got); err != nil {
			t.Fatalf("case.json: %v\n%s", err, files["case.json"])
		}
		if got.Reference != ref || got.Email != "export.me@example.com" || len(got.Answers) != 2 ||
			got.Answers[1].Label != "What is the document or the consent about?" || len(got.History) != 1 || len(got.Documents) != 1 {
			t.Errorf("case.json: %s", files["case.json"])
		}
		if len(got.Documents) == 1 && !bytes.Equal(files[got.Documents[0].File], content) {
			t.Errorf("the file %q in the archive: %q", got.Documents[0].File, files[got.Documents[0].File])
		}
	}
	for _, path := range []string{"/applications/" + ref + "/export?token=wrong", "/api/v1/applications/NONE-0000/export?token=" + token} {
		if res := c.get(path); res.Status != http.StatusNotFound || res.Header.Get("Content-Type") == "application/zip" {
			t.Errorf("%s: %d %s", path, res.Status, res.Header.Get("Content-Type"))
		}
	}
}
