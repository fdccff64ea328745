package desk

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

// recordDeskPage is the record's overview for staff: each kind with its
// count, and the import and export forms.
type recordDeskPage struct {
	Kinds   []recordKindCount
	Sources []string // for the source a customs table cites
	Kind    string   // the kind the import form is set to
	Source  string   // and the source it was sent with
	DryRun  bool
	Errors  ui.FormErrors // why the import was refused: the source chosen's problem, or else the file's
}

type recordKindCount struct {
	Kind  string
	Count int
}

// recordListPage is one page of the records of a kind.
type recordListPage struct {
	Kind    string
	Items   []recordLine
	Total   int
	Offset  int
	Next    int // offset of the next page, 0 for none
	Prev    int // offset of the previous page, -1 for none
	Deleted *store.CoopRecord
	Restore string // the deleted record's JSON, for the undo form
}

type recordLine struct {
	ID, Label, Date string
}

// recordPageSize is how many records a staff list shows at once.
const recordPageSize = 50

func (s *Server) recordKind(w http.ResponseWriter, r *http.Request) (string, bool) {
	kind := r.PathValue("kind")
	if _, ok := cooperation.NewRecord(kind); !ok {
		s.Fail(w, r, chancery.Errorf(chancery.ENOTFOUND, "error.coop_kind_unknown", "Kind", kind))
		return "", false
	}
	return kind, true
}

func (s *Server) recordDesk(w http.ResponseWriter, r *http.Request) {
	s.renderRecordDesk(w, r, http.StatusOK, recordDeskPage{Kind: cooperation.KindEntity, DryRun: true})
}

func (s *Server) renderRecordDesk(w http.ResponseWriter, r *http.Request, status int, p recordDeskPage) {
	for _, kind := range cooperation.RecordKinds {
		_, total, err := s.DB.CoopRecords(r.Context(), store.CoopQuery{Kind: kind, Limit: 1})
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		p.Kinds = append(p.Kinds, recordKindCount{Kind: kind, Count: total})
	}
	var err error
	if p.Sources, err = s.sourceIDs(r); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.RenderStatus(w, r, status, "staff_record", p)
}

func (s *Server) recordList(w http.ResponseWriter, r *http.Request) {
	kind, ok := s.recordKind(w, r)
	if !ok {
		return
	}
	offset, err := strconv.Atoi(r.URL.Query().Get("offset"))
	if err != nil || offset < 0 {
		offset = 0
	}
	s.renderRecordList(w, r, kind, offset, nil)
}

func (s *Server) renderRecordList(w http.ResponseWriter, r *http.Request, kind string, offset int, deleted *store.CoopRecord) {
	recs, total, err := s.DB.CoopRecords(r.Context(), store.CoopQuery{Kind: kind, Limit: recordPageSize, Offset: offset})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := recordListPage{Kind: kind, Total: total, Offset: offset, Prev: -1, Deleted: deleted}
	if offset+len(recs) < total {
		p.Next = offset + recordPageSize
	}
	if offset > 0 {
		p.Prev = max(0, offset-recordPageSize)
	}
	lang := ui.VisitOf(r).Lang
	for _, rec := range recs {
		d, err := cooperation.DecodeRecord(kind, rec.Doc)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		p.Items = append(p.Items, recordLine{ID: rec.ID, Label: recordLabel(d, lang), Date: rec.Date})
	}
	if deleted != nil {
		p.Restore = string(deleted.Doc)
	}
	s.Render(w, r, "staff_record_list", p)
}

// recordLabel names a record in a list, in the reader's language.
func recordLabel(rec cooperation.Record, lang string) string {
	switch x := rec.(type) {
	case cooperation.Entity:
		return x.Name.In(lang)
	case cooperation.Role:
		return x.Title.In(lang) + " · " + x.Person + " · " + x.Organisation
	case cooperation.Partnership:
		return x.A + " – " + x.B
	case cooperation.Agreement:
		return x.Title.In(lang)
	case cooperation.Event:
		return x.Title.In(lang)
	case cooperation.Corridor:
		return x.Name.In(lang)
	case cooperation.TradeFigure:
		return x.Area + " " + x.Period + " " + x.Flow
	}
	return rec.RecordID()
}

// sourceIDs lists the known sources' identifiers for the citation fields.
func (s *Server) sourceIDs(r *http.Request) ([]string, error) {
	src, err := s.DB.Sources(r.Context())
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(src))
	for i, x := range src {
		ids[i] = x.ID
	}
	return ids, nil
}

func (s *Server) recordNew(w http.ResponseWriter, r *http.Request) {
	kind, ok := s.recordKind(w, r)
	if !ok {
		return
	}
	s.renderRecordForm(w, r, http.StatusOK, kind, "", cooperation.Fields{}, nil, false)
}

func (s *Server) recordEdit(w http.ResponseWriter, r *http.Request) {
	kind, ok := s.recordKind(w, r)
	if !ok {
		return
	}
	s.renderStoredRecord(w, r, http.StatusOK, kind, r.PathValue("id"), nil, r.URL.Query().Get("saved") != "")
}

// renderStoredRecord shows the form of the record kind/id as it is stored,
// with problem when there is one.
func (s *Server) renderStoredRecord(w http.ResponseWriter, r *http.Request, status int, kind, id string, problem error, saved bool) {
	stored, err := s.DB.CoopRecord(r.Context(), kind, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	rec, err := cooperation.DecodeRecord(kind, stored.Doc)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.renderRecordForm(w, r, status, kind, stored.ID, cooperation.FieldsOf(rec), problem, saved)
}

// renderRecordForm shows the form of a record, with the problem of the
// last attempt next to its field when there is one.
func (s *Server) renderRecordForm(w http.ResponseWriter, r *http.Request, status int, kind, id string, f cooperation.Fields, problem error, saved bool) {
	sources, err := s.sourceIDs(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	form := newRecordForm(kind, id, f, sources)
	form.Saved = saved
	for _, e := range chancery.Errors(problem) {
		msg := s.Translate(ui.VisitOf(r).Lang, e.Key, e.Data)
		field, _ := e.Data["Field"].(string)
		if e.Code != chancery.EINVALID {
			field = "" // a conflict or a stale edit is the form's, not a field's
		}
		form.Errors = append(form.Errors, ui.FormError{Field: form.markProblem(field, msg), Message: msg})
	}
	s.RenderStatus(w, r, status, "staff_record_edit", form)
}

// recordPath is the editor of one record.
func recordPath(kind, id string) string {
	return "/staff/record/" + kind + "/" + url.PathEscape(id)
}

func (s *Server) recordCreate(w http.ResponseWriter, r *http.Request) {
	kind, ok := s.recordKind(w, r)
	if !ok {
		return
	}
	f := fieldsFromForm(r, kind)
	rec, err := cooperation.Assemble(kind, f)
	if err == nil {
		err = s.DB.CreateCoop(r.Context(), actor(r), rec)
	}
	if err != nil {
		s.recordFormFailed(w, r, kind, "", f, err)
		return
	}
	http.Redirect(w, r, recordPath(kind, rec.RecordID())+"?saved=1", http.StatusSeeOther)
}

func (s *Server) recordUpdate(w http.ResponseWriter, r *http.Request) {
	kind, ok := s.recordKind(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	f := fieldsFromForm(r, kind)
	rec, err := cooperation.Assemble(kind, f)
	if err == nil {
		_, err = s.DB.UpdateCoop(r.Context(), actor(r), kind, id, rec)
	}
	if err != nil {
		s.recordFormFailed(w, r, kind, id, f, err)
		return
	}
	http.Redirect(w, r, recordPath(kind, id)+"?saved=1", http.StatusSeeOther)
}

// recordFormFailed shows the form again with what was sent and why it
// was refused; faults on our side get the error page.
func (s *Server) recordFormFailed(w http.ResponseWriter, r *http.Request, kind, id string, f cooperation.Fields, err error) {
	code := chancery.ErrorCode(err)
	if code == chancery.EINTERNAL || code == chancery.ENOTFOUND {
		s.Fail(w, r, err)
		return
	}
	s.renderRecordForm(w, r, ui.StatusOf(code), kind, id, f, err, false)
}

func (s *Server) recordDelete(w http.ResponseWriter, r *http.Request) {
	kind, ok := s.recordKind(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	if r.PostFormValue("confirm") != "yes" {
		s.renderStoredRecord(w, r, http.StatusBadRequest, kind, id, chancery.Errorf(chancery.EINVALID, "error.confirm_required"), false)
		return
	}
	gone, err := s.DB.DeleteCoop(r.Context(), actor(r), kind, id)
	if chancery.ErrorCode(err) == chancery.ECONFLICT {
		s.renderStoredRecord(w, r, http.StatusConflict, kind, id, err, false)
		return
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.renderRecordList(w, r, kind, 0, &gone)
}

// recordRestore puts back a record just deleted (the undo of a delete):
// it is created again, with the same checks as any new record.
func (s *Server) recordRestore(w http.ResponseWriter, r *http.Request) {
	kind, ok := s.recordKind(w, r)
	if !ok {
		return
	}
	rec, err := cooperation.DecodeRecord(kind, []byte(r.PostFormValue("record")))
	if err == nil {
		err = s.DB.CreateCoop(r.Context(), actor(r), rec)
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, recordPath(kind, rec.RecordID())+"?saved=1", http.StatusSeeOther)
}
