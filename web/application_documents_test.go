package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/uploads"
	"github.com/chancery-platform/chancery/uploads/uploadstest"
	"github.com/chancery-platform/chancery/web"
)

// multipartBody is a form with the fields in order, then the file.
func multipartBody(t *testing.T, fields [][2]string, name string, content []byte) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, f := range fields {
		mw.WriteField(f[0], f[1])
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	return &b, mw.FormDataContentType()
}

// TestApplicationDocumentsAPI uploads through the API: 201 with what was
// kept (not scanned: no clamd here); the application lists it under its
// item; a type the item does not take is 422, a body over the file limit
// 413, each with a message; the file can be removed (204); without the
// token nothing is found.
func TestApplicationDocumentsAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	srv, err := web.New(e.DB, web.Config{UploadLimits: uploads.Limits{FileBytes: 1 << 20}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c := newClient(t, ts.URL)
	res := c.postJSON("/api/v1/applications", `{"mission":"by-cg-chongqing","case_type":"visa","email":"files@example.com"}`, nil)
	var app struct{ Reference, Token string }
	if json.Unmarshal([]byte(res.Body), &app) != nil || res.Status != http.StatusCreated {
		t.Fatalf("start: %d %s", res.Status, res.Body)
	}
	path := "/api/v1/applications/" + app.Reference + "/documents"
	send := func(token, item string, content []byte) response {
		body, ctype := multipartBody(t, [][2]string{{"item", item}}, "passport.pdf", content)
		return c.do("POST", path, body, map[string]string{"Authorization": "Bearer " + token, "Content-Type": ctype})
	}
	res = send(app.Token, "identity", uploadstest.PDF(1, ""))
	var doc struct {
		ID         int64
		Item, Name string
		Type, Scan string
		Size       int64
		Counts     bool
	}
	if res.Status != http.StatusCreated || json.Unmarshal([]byte(res.Body), &doc) != nil || doc.Item != "identity" || doc.Type != "pdf" ||
		doc.Scan != "not_scanned" || !doc.Counts || doc.Name != "passport.pdf" {
		t.Fatalf("upload: %d %s", res.Status, res.Body)
	}
	res = c.do("GET", "/api/v1/applications/"+app.Reference, nil, map[string]string{"Authorization": "Bearer " + app.Token})
	var shown struct {
		Documents map[string][]struct{ ID int64 }
		Missing   struct{ Documents []string }
	}
	if json.Unmarshal([]byte(res.Body), &shown) != nil || len(shown.Documents["identity"]) != 1 || shown.Documents["photo"] == nil ||
		strings.Join(shown.Missing.Documents, ",") != "photo,insurance" {
		t.Errorf("the application lists: %s", res.Body)
	}
	for _, c := range []struct {
		name, token, item string
		content           []byte
		status            int
		says              string
	}{
		{"a web page", app.Token, "insurance", []byte("<html><script>alert(1)</script>"), 422, "HTML"},
		{"a PDF as the photo", app.Token, "photo", uploadstest.PDF(1, ""), 422, "PDF"},
		{"no such item", app.Token, "diploma", uploadstest.PDF(1, ""), 422, "checklist"},
		{"over the file limit", app.Token, "insurance", bytes.Repeat([]byte("%PDF-"), 600<<10), 413, "1 MB"},
		{"a wrong token", "wrong", "insurance", uploadstest.PDF(1, ""), 404, ""},
	} {
		res := send(c.token, c.item, c.content)
		if res.Status != c.status || !strings.Contains(res.Body, c.says) {
			t.Errorf("%s: %d %s", c.name, res.Status, res.Body)
		}
	}
	del := "/api/v1/applications/" + app.Reference + "/documents/" + strconv.FormatInt(doc.ID, 10)
	if res := c.do("DELETE", del, nil, map[string]string{"Authorization": "Bearer wrong"}); res.Status != 404 {
		t.Errorf("remove without the token: %d", res.Status)
	}
	if res := c.do("DELETE", del, nil, map[string]string{"Authorization": "Bearer " + app.Token}); res.Status != 204 {
		t.Errorf("remove: %d %s", res.Status, res.Body)
	}
	if res := c.do("DELETE", del, nil, map[string]string{"Authorization": "Bearer " + app.Token}); res.Status != 404 {
		t.Errorf("remove again: %d", res.Status)
	}
}

// TestApplicationDocumentsPage uploads from the application's page: a
// plain multipart form per checklist item with its CSRF field; the file
// is listed with its size and status; a refused file shows the page again
// with the reason beside the item; a removal asks first.
func TestApplicationDocumentsPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	res := c.postJSON("/api/v1/applications", `{"mission":"by-cg-chongqing","case_type":"visa","email":"page@example.com"}`, nil)
	var app struct{ Reference, Token string }
	json.Unmarshal([]byte(res.Body), &app)
	link := "/applications/" + app.Reference + "?token=" + url.QueryEscape(app.Token)
	page := c.get(link)
	if page.Status != 200 || !strings.Contains(page.Body, `enctype="multipart/form-data"`) || !strings.Contains(page.Body, `type="file"`) {
		t.Fatalf("no upload form: %d", page.Status)
	}
	upload := func(item string, content []byte, csrf string) response {
		name := "scan of passport.pdf"
		if item == "photo" {
			name = "photo.png"
		}
		body, ctype := multipartBody(t, [][2]string{{"csrf", csrf}, {"item", item}}, name, content)
		return c.do("POST", "/applications/"+app.Reference+"/documents?token="+url.QueryEscape(app.Token), body,
			map[string]string{"Content-Type": ctype, "Origin": e.URL})
	}
	if res := upload("identity", uploadstest.PDF(1, ""), "forged"); res.Status != 403 {
		t.Errorf("without the CSRF token: %d", res.Status)
	}
	res = upload("identity", uploadstest.PDF(1, ""), pageCSRF(t, page))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("upload: %d %.500s", res.Status, res.Body)
	}
	page = c.get(res.Header.Get("Location"))
	if !strings.Contains(page.Body, "scan of passport.pdf") || !strings.Contains(page.Body, "not checked for viruses") {
		t.Errorf("the file is not listed:\n%s", page.Body)
	}
	// The photo takes one file: once it has it, the page offers no upload
	// the workflow would refuse, and says why.
	if !strings.Contains(page.Body, `id="file-photo"`) {
		t.Fatal("no upload form for the photo")
	}
	res = upload("photo", uploadstest.PNG(360, 480), pageCSRF(t, page))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("photo upload: %d %.500s", res.Status, res.Body)
	}
	page = c.get(res.Header.Get("Location"))
	if strings.Contains(page.Body, `id="file-photo"`) || !strings.Contains(page.Body, "Files this document takes at most: 1.") {
		t.Errorf("the photo, which takes one file, still offers an upload or does not say it is full")
	}
	if !strings.Contains(page.Body, `id="file-identity"`) {
		t.Error("the passport, which takes more files, no longer offers an upload")
	}
	res = upload("insurance", []byte("GIF89a......"), pageCSRF(t, page))
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "GIF") || !strings.Contains(res.Body, `href="#doc-insurance"`) {
		t.Errorf("a GIF: %d", res.Status)
	}
	remove := regexp.MustCompile(`href="(/applications/[^"]+/remove\?token=[^"]+)"`).FindStringSubmatch(page.Body)
	if remove == nil {
		t.Fatal("no remove link")
	}
	removeURL := strings.ReplaceAll(remove[1], "&amp;", "&")
	ask := c.get(removeURL)
	if ask.Status != 200 || !strings.Contains(ask.Body, "scan of passport.pdf") {
		t.Fatalf("the removal does not ask: %d", ask.Status)
	}
	res = c.post(removeURL, url.Values{"csrf": {pageCSRF(t, ask)}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("remove: %d", res.Status)
	}
	if page = c.get(link); strings.Contains(page.Body, "scan of passport.pdf") {
		t.Error("the removed file is still listed")
	}
}

// countingReader yields n bytes of a multipart file part after head,
// counting what was read.
type countingReader struct {
	head []byte
	n    int64
	read int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if len(c.head) > 0 {
		k := copy(p, c.head)
		c.head = c.head[k:]
		c.read += int64(k)
		return k, nil
	}
	if c.read >= c.n {
		return 0, io.EOF
	}
	k := int64(len(p))
	if rest := c.n - c.read; k > rest {
		k = rest
	}
	for i := range p[:k] {
		p[i] = 'x'
	}
	c.read += k
	return int(k), nil
}

// TestHugeUploadRefusedUnread: a body of 200 MB is refused with 413 after
// little more than the file limit is read.
func TestHugeUploadRefusedUnread(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	srv, err := web.New(e.DB, web.Config{})
	if err != nil {
		t.Fatal(err)
	}
	c := e.client()
	res := c.postJSON("/api/v1/applications", `{"mission":"by-cg-chongqing","case_type":"visa","email":"huge@example.com"}`, nil)
	var app struct{ Reference, Token string }
	json.Unmarshal([]byte(res.Body), &app)
	head := "--B\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\nidentity\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.pdf\"\r\n\r\n%PDF-1.7\n"
	body := &countingReader{head: []byte(head), n: 200 << 20}
	req := httptest.NewRequest("POST", "/api/v1/applications/"+app.Reference+"/documents", body)
	req.Header.Set("Content-Type", "multipart/form-data; boundary=B")
	req.Header.Set("Authorization", "Bearer "+app.Token)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "10 MB") {
		t.Errorf("200 MB: %d %s", rec.Code, rec.Body)
	}
	if body.read > 11<<20 {
		t.Errorf("read %d MB of the body before refusing it", body.read>>20)
	}
}
