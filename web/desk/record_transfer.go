package desk

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

// customsKind is the import form's choice of a trade table in China
// Customs' shape (period, flow, value, currency), read by
// cooperation.TradeCSV; defaultTradeArea is the area such a table measures
// unless it has an area column: Chongqing's trade with Belarus.
const (
	customsKind      = "customs"
	defaultTradeArea = "CN-CQ/BY"
)

// progressAfter is how long an import runs, by default, before its page
// starts to show progress; a shorter one answers at once, with the status
// its outcome has.
const progressAfter = time.Second

// recordExport sends the record as one JSON document (record.json) or one
// kind as CSV (entity.csv, trade.csv, …).
func (s *Server) recordExport(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	stamp := s.DB.Now().UTC().Format("20060102")
	if file == "record.json" {
		doc, err := s.DB.CoopDocument(r.Context())
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		var buf bytes.Buffer
		if err := cooperation.EncodeDocument(&buf, doc); err != nil {
			s.Fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="chancery-record-`+stamp+`.json"`)
		w.Write(buf.Bytes())
		return
	}
	kind, ok := strings.CutSuffix(file, ".csv")
	if _, known := cooperation.NewRecord(kind); !ok || !known {
		s.Fail(w, r, chancery.Errorf(chancery.ENOTFOUND, "error.coop_kind_unknown", "Kind", file))
		return
	}
	recs, err := s.DB.CoopKind(r.Context(), kind)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff") // so that spreadsheets read the file as UTF-8
	if err := cooperation.WriteCSV(&buf, kind, recs); err != nil {
		s.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="chancery-`+kind+`-`+stamp+`.csv"`)
	w.Write(buf.Bytes())
}

// recordImportPage is what an import did, or would do with a dry run.
type recordImportPage struct {
	Report   store.RecordImport
	FileName string
	Progress template.HTML // where a long import's progress goes
}

// progressMark is where the streamed page of a long import puts its progress.
const progressMark = "<!--progress-->"

// recordImport reads an uploaded CSV (of the kind chosen) or JSON file of
// the record and imports it, or with "dry_run" only checks it and counts
// what it would change. A file that cannot be read, or a record that fails
// a check, gets the overview again with the reason, naming the row or
// item; nothing is written. An import that runs longer than a second
// streams its page with the progress, then the outcome.
func (s *Server) recordImport(w http.ResponseWriter, r *http.Request) {
	dryRun := r.PostFormValue("dry_run") == "yes"
	kind := r.PostFormValue("kind")
	again := recordDeskPage{Kind: kind, Source: r.PostFormValue("source"), DryRun: dryRun}
	lang := ui.VisitOf(r).Lang
	refuse := func(err error) {
		errs, status, ok := s.FormErrorsOf(lang, err, ui.FormFields{"source": "import-source"})
		if !ok {
			s.Fail(w, r, err)
			return
		}
		for i := range errs {
			if errs[i].Field == "" {
				errs[i].Field = "import-file" // a row, an item or the whole: the file is what to change
			}
		}
		again.Errors = errs
		s.renderRecordDesk(w, r, status, again)
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			refuse(chancery.Errorf(chancery.ETOOLARGE, "error.record_too_large", "Max", ui.MaxImportBytes>>20))
			return
		}
		refuse(chancery.Errorf(chancery.EINVALID, "error.record_no_file"))
		return
	}
	defer file.Close()
	raw, err := io.ReadAll(file)
	if err != nil {
		refuse(chancery.Errorf(chancery.EINVALID, "error.record_no_file"))
		return
	}
	var recs []cooperation.Placed
	switch {
	case kind == customsKind:
		// China Customs' shape: the figures cite the source chosen, each
		// quoting its own row.
		src := r.PostFormValue("source")
		if src == "" {
			refuse(chancery.Errorf(chancery.EINVALID, "error.coop_required", "Field", "source"))
			return
		}
		if _, err := s.DB.Source(r.Context(), src); err != nil {
			refuse(err)
			return
		}
		recs, err = cooperation.TradeCSV{Area: defaultTradeArea, SourceID: src, FileName: header.Filename}.ParsePlaced(bytes.NewReader(raw))
		if _, data := chancery.ErrorKey(err); err != nil && data["Row"] != nil {
			err = chancery.Errorf(chancery.ErrorCode(err), "error.record_row_at", "Row", data["Row"], "Problem", err)
		}
	case strings.HasSuffix(strings.ToLower(header.Filename), ".json") || bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")):
		var doc cooperation.Document
		if doc, err = cooperation.ReadDocument(bytes.NewReader(raw)); err == nil {
			recs = doc.Records()
		}
	default:
		recs, err = cooperation.ReadCSV(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff"))), kind)
	}
	if err != nil {
		refuse(err)
		return
	}
	st := &importStream{s: s, w: w, r: r, start: time.Now(), page: recordImportPage{FileName: header.Filename}}
	rep, err := s.DB.ImportRecords(r.Context(), actor(r), recs, dryRun, st.progress)
	if !st.streaming {
		if err != nil {
			refuse(err)
			return
		}
		st.page.Report = rep
		s.Render(w, r, "staff_record_import", st.page)
		return
	}
	st.finish(rep, err)
}

// importStream writes the page of a long import as it goes: the page up to
// its progress list once the import has run for progressAfter, a line for
// each step, and the outcome with the rest of the page at the end.
type importStream struct {
	s         *Server
	w         http.ResponseWriter
	r         *http.Request
	start     time.Time
	page      recordImportPage
	streaming bool
	tail      []byte
}

func (st *importStream) progress(step store.ImportStep, done, total int) {
	if !st.streaming {
		after := st.s.Cfg.ImportProgressAfter
		if after == 0 {
			after = progressAfter
		}
		if time.Since(st.start) < after {
			return
		}
		st.page.Progress = progressMark
		var buf bytes.Buffer
		if err := st.s.RenderTo(&buf, st.r, "staff_record_progress", st.page); err != nil {
			return
		}
		head, tail, _ := bytes.Cut(buf.Bytes(), []byte(progressMark))
		st.tail = tail
		st.w.Header().Set("Content-Type", "text/html; charset=utf-8")
		st.w.WriteHeader(http.StatusOK)
		st.w.Write(head)
		st.streaming = true
	}
	line := st.s.Translate(ui.VisitOf(st.r).Lang, "record.import.progress."+string(step), map[string]any{"Done": done, "Total": total})
	fmt.Fprintf(st.w, "<li>%s</li>\n", template.HTMLEscapeString(line))
	if f, ok := st.w.(http.Flusher); ok {
		f.Flush()
	}
}

// finish writes the outcome after the progress, and the end of the page.
func (st *importStream) finish(rep store.RecordImport, err error) {
	lang := ui.VisitOf(st.r).Lang
	fmt.Fprint(st.w, "</ol>\n") // the list the page opened before its progress
	if err != nil {
		if chancery.ErrorCode(err) == chancery.EINTERNAL {
			st.s.Log.ErrorContext(st.r.Context(), "record import failed", "err", err)
		}
		key, data := chancery.ErrorKey(err)
		fmt.Fprintf(st.w, `<p class="error" role="alert">%s %s</p>`, template.HTMLEscapeString(st.s.Translate(lang, key, data)),
			template.HTMLEscapeString(st.s.Translate(lang, "record.import.nothing_changed", nil)))
	} else {
		key := "record.import.done"
		if rep.DryRun {
			key = "record.import.checked"
		}
		fmt.Fprintf(st.w, `<p class="ok" role="status">%s</p>`, template.HTMLEscapeString(st.s.Translate(lang, key,
			map[string]any{"Created": rep.Created, "Updated": rep.Updated, "Unchanged": rep.Unchanged})))
	}
	fmt.Fprintf(st.w, `<p><a href="/staff/record">%s</a></p>`, template.HTMLEscapeString(st.s.Translate(lang, "record.title", nil)))
	st.w.Write(st.tail)
}
