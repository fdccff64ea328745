package api

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/web/ui"
)

// apiDocument is a file an applicant uploaded, as their client sees it:
// what was kept, and the virus check's verdict ("pending" while it waits
// in quarantine, "infected" when refused, "not_scanned" when the mission
// scans nothing).
type apiDocument struct {
	ID           int64  `json:"id"`
	Item         string `json:"item"`
	Name         string `json:"name"`
	Type         string `json:"type"`
	Size         int64  `json:"size"`
	Pages        int    `json:"pages,omitempty"`
	Width        int    `json:"width,omitempty"`
	Height       int    `json:"height,omitempty"`
	SHA256       string `json:"sha256"`
	UploadedAt   string `json:"uploaded_at"`
	Scan         string `json:"scan"`
	Counts       bool   `json:"counts"` // whether it counts for its item (not infected, not failed)
	Review       string `json:"review"`
	ReviewReason string `json:"review_reason,omitempty"`
}

func toAPIDocument(d casework.Document, zone *time.Location) apiDocument {
	return apiDocument{ID: d.ID, Item: d.Item, Name: d.Name, Type: d.Type, Size: d.Size, Pages: d.Pages, Width: d.Width, Height: d.Height,
		SHA256: d.SHA256, UploadedAt: d.Uploaded.In(zone).Format(time.RFC3339), Scan: d.Scan, Counts: d.Counts(), Review: d.Review,
		ReviewReason: d.ReviewReason}
}

// documentsByItem lists the files per checklist item: every item of the
// checklist, with or without files, and any other item that holds some.
func documentsByItem(checklist []casework.DocumentRule, docs []casework.Document, zone *time.Location) map[string][]apiDocument {
	out := map[string][]apiDocument{}
	for _, d := range checklist {
		out[d.ID] = []apiDocument{}
	}
	for _, d := range docs {
		out[d.Item] = append(out[d.Item], toAPIDocument(d, zone))
	}
	return out
}

// apiApplicationDocumentAdd takes one file for a checklist item: a
// multipart form with the field "item" before the field "file" (or item
// in the query). 201 with the file kept; 413 over a size limit; 422 for
// a file or item refused, with a message saying why.
func (s *Server) apiApplicationDocumentAdd(w http.ResponseWriter, r *http.Request) {
	ref, token := r.PathValue("reference"), ui.BookingToken(r)
	var doc casework.Document
	err := ui.ReadUpload(w, r, s.Apps.Limits().FileBytes, func(name string, file io.Reader) error {
		item := r.PostForm.Get("item")
		if item == "" {
			item = r.URL.Query().Get("item")
		}
		var err error
		doc, err = s.Apps.AddDocument(r.Context(), ref, token, item, name, file)
		return err
	})
	if err != nil {
		s.failUpload(w, r, err)
		return
	}
	v, err := s.Apps.Show(r.Context(), ref, token)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ui.WriteJSON(w, http.StatusCreated, toAPIDocument(doc, s.ZoneOf(r.Context(), v.Application.Mission)))
}

// apiApplicationDocumentRemove drops one of the application's files: 204.
func (s *Server) apiApplicationDocumentRemove(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.Fail(w, r, chancery.Errorf(chancery.ENOTFOUND, "error.upload_not_found"))
		return
	}
	if err := s.Apps.RemoveDocument(r.Context(), r.PathValue("reference"), ui.BookingToken(r), id); err != nil {
		s.Fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// failUpload answers a refused upload: a file or item refused is 422
// (Unprocessable Content), with the message saying why and the field.
func (s *Server) failUpload(w http.ResponseWriter, r *http.Request, err error) {
	if chancery.ErrorCode(err) != chancery.EINVALID || errors.Is(err, ui.ErrUploadForm) {
		s.Fail(w, r, err)
		return
	}
	key, data := chancery.ErrorKey(err)
	field, _ := data["Field"].(string)
	ui.WriteJSON(w, http.StatusUnprocessableEntity, map[string]any{
		"error": map[string]string{"code": "invalid", "message": s.Translate(ui.VisitOf(r).Lang, key, data)}, "field": field})
}
