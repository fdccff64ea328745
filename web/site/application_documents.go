package site

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/applications"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/web/ui"
)

// The applicant's documents on the application's page: a plain file
// input per checklist item (a multipart form that works without
// JavaScript), each file with its size and the virus check's verdict,
// and a removal that asks first.

// FilesFor lists the files uploaded for a checklist item.
func (p applicationPage) FilesFor(item string) []casework.Document {
	return p.Application.DocumentsFor(item)
}

// Full reports whether a checklist item holds as many files as it takes
// (counting those that count: not refused by the virus check), so that
// the page offers no upload the workflow would refuse.
func (p applicationPage) Full(d casework.DocumentRule) bool {
	n := 0
	for _, f := range p.FilesFor(d.ID) {
		if f.Counts() {
			n++
		}
	}
	return n >= d.MaxFilesOf()
}

// RemoveURL is the address of the page that asks before removing a file.
func (p applicationPage) RemoveURL(id int64) string {
	return "/applications/" + url.PathEscape(p.Application.Reference) + "/documents/" + strconv.FormatInt(id, 10) + "/remove?token=" +
		url.QueryEscape(p.Token)
}

// takes lists the types an item takes: an ID photo never a PDF.
func takes(d casework.DocumentRule) []string {
	var out []string
	for _, t := range d.Types {
		if !d.Photo || t != casework.TypePDF {
			out = append(out, t)
		}
	}
	return out
}

// accepts are the file input's accept entries of each type.
var accepts = map[string]string{casework.TypePDF: ".pdf,application/pdf", casework.TypeJPEG: ".jpg,.jpeg,image/jpeg", casework.TypePNG: ".png,image/png"}

// Accept is the file input's accept list for an item: a hint to the
// browser's file picker only; the content decides.
func (applicationPage) Accept(d casework.DocumentRule) string {
	var out []string
	for _, t := range takes(d) {
		out = append(out, accepts[t])
	}
	return strings.Join(out, ",")
}

// Kinds names the types an item takes, for people: "PDF, JPEG, PNG".
func (applicationPage) Kinds(d casework.DocumentRule) string {
	return strings.ToUpper(strings.Join(takes(d), ", "))
}

// Size is a file's size for people: KB or MB with one decimal.
func (applicationPage) Size(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", (n+1023)>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// FileMB and CaseMB are the upload limits, in MB.
func (p applicationPage) FileMB() int64 { return p.limits.FileBytes >> 20 }
func (p applicationPage) CaseMB() int64 { return p.limits.CaseBytes >> 20 }

// Scans reports whether files are scanned for viruses.
func (p applicationPage) Scans() bool { return p.scans }

// applicationUpload keeps a file sent from an item's upload form and
// shows the page again: with the file, or with the reason it was refused
// beside the item.
func (s *Server) applicationUpload(w http.ResponseWriter, r *http.Request) {
	ref, token := r.PathValue("reference"), ui.BookingToken(r)
	csrf := chancery.Errorf(chancery.EFORBIDDEN, "error.csrf")
	item := ""
	err := ui.ReadUpload(w, r, s.Apps.Limits().FileBytes, func(name string, file io.Reader) error {
		if !s.JourneyPOSTAllowed(r) {
			return csrf
		}
		item = r.PostForm.Get("item")
		_, err := s.Apps.AddDocument(r.Context(), ref, token, item, name, file)
		return err
	})
	if err == nil {
		http.Redirect(w, r, applications.ManageLink(ref, token)+"&uploaded=1#doc-"+url.PathEscape(item), http.StatusSeeOther)
		return
	}
	code := chancery.ErrorCode(err)
	if err == csrf || errors.Is(err, ui.ErrUploadForm) || (code != chancery.EINVALID && code != chancery.ETOOLARGE && code != chancery.ECONFLICT) {
		s.Fail(w, r, err)
		return
	}
	status := ui.StatusFor(w, err)
	if code == chancery.EINVALID {
		status = http.StatusUnprocessableEntity
	}
	key, data := chancery.ErrorKey(err)
	field, _ := data["Field"].(string)
	if field == "file" || field == "" {
		field = "document:" + item
	}
	msg := s.Translate(ui.VisitOf(r).Lang, key, data)
	s.showApplication(w, r, status, "application", func(p *applicationPage) {
		p.Errors = ui.FormErrors{{Field: "doc-" + field[len("document:"):], Message: msg}}
	})
}

func (s *Server) applicationRemoveFile(r *http.Request) (casework.Document, error) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	v, err := s.Apps.Show(r.Context(), r.PathValue("reference"), ui.BookingToken(r))
	if err != nil {
		return casework.Document{}, err
	}
	for _, d := range v.Application.Documents {
		if d.ID == id {
			return d, nil
		}
	}
	return casework.Document{}, chancery.Errorf(chancery.ENOTFOUND, "error.upload_not_found")
}

// applicationRemoveShow asks before removing one of the application's files.
func (s *Server) applicationRemoveShow(w http.ResponseWriter, r *http.Request) {
	d, err := s.applicationRemoveFile(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.showApplication(w, r, http.StatusOK, "application_remove", func(p *applicationPage) { p.File = d })
}

func (s *Server) applicationRemove(r *http.Request, ref, token string) (applications.View, error) {
	d, err := s.applicationRemoveFile(r)
	if err != nil {
		return applications.View{}, err
	}
	if err := s.Apps.RemoveDocument(r.Context(), ref, token, d.ID); err != nil {
		return applications.View{}, err
	}
	return s.Apps.Show(r.Context(), ref, token)
}
