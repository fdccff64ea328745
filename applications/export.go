package applications

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/chancery-platform/chancery/casework"
)

// Export is what the mission holds about one application, as its
// applicant downloads it (issue 14 §7: the person's right of access): the
// facts in case.json, and each kept file beside it.
type Export struct {
	Reference  string           `json:"reference"`
	Mission    string           `json:"mission"`
	CaseType   string           `json:"case_type"`
	Version    int              `json:"case_type_version"`
	Name       string           `json:"case_type_name"`
	Status     string           `json:"status"`
	Email      string           `json:"email"`
	Language   string           `json:"language"`
	Created    time.Time        `json:"created_at"`
	Confirmed  *time.Time       `json:"email_confirmed_at,omitempty"`
	Submitted  *time.Time       `json:"submitted_at,omitempty"`
	Answers    []ExportAnswer   `json:"answers"`
	MRZ        string           `json:"passport_zone,omitempty"`
	History    []casework.Event `json:"history"`
	Documents  []ExportDocument `json:"documents"`
	Exported   time.Time        `json:"exported_at"`
	Disclaimer string           `json:"note"`
}

// ExportAnswer is one answer with the question it answers, in the
// application's language.
type ExportAnswer struct {
	Question string `json:"question"`
	Label    string `json:"label"`
	Answer   string `json:"answer"`
}

// ExportDocument is one uploaded file: what the mission recorded of it,
// and where in the archive its content is ("" when none is kept).
type ExportDocument struct {
	casework.Document
	File string `json:"file,omitempty"`
}

// exportNote says what the archive holds and what it does not.
const exportNote = "Everything this site holds about the application: the answers, the address, the history and the files kept " +
	"(a file refused by the virus check, or still waiting for it, is listed without its content)."

// Export writes what the mission holds about the application, for
// whoever holds its private link, to w as a zip archive: case.json and the
// files, each streamed from storage, never whole in memory.
func (as *Applications) Export(ctx context.Context, reference, token string, w io.Writer) error {
	v, err := as.Show(ctx, reference, token)
	if err != nil {
		return err
	}
	a, t := v.Application, v.Type
	out := Export{Reference: a.Reference, Mission: a.Mission, CaseType: a.CaseType, Version: a.Version, Name: t.Name.In(a.Lang),
		Status: a.Stage, Email: a.Email, Language: a.Lang, Created: a.Created, MRZ: a.MRZ, History: a.History,
		Answers: []ExportAnswer{}, Documents: []ExportDocument{}, Exported: as.db.Now(), Disclaimer: exportNote}
	if !a.Confirmed.IsZero() {
		out.Confirmed = &a.Confirmed
	}
	if !a.Submitted.IsZero() {
		out.Submitted = &a.Submitted
	}
	for _, q := range t.Questions {
		if answer, ok := a.Answers[q.ID]; ok {
			out.Answers = append(out.Answers, ExportAnswer{Question: q.ID, Label: q.Label.In(a.Lang), Answer: answer})
		}
	}
	for i, d := range a.Documents {
		e := ExportDocument{Document: d}
		if kept(d) {
			e.File = fmt.Sprintf("files/%d-%s", i+1, d.Name)
		}
		out.Documents = append(out.Documents, e)
	}
	z := zip.NewWriter(w)
	head, err := z.Create("case.json")
	if err != nil {
		return err
	}
	enc := json.NewEncoder(head)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	for _, e := range out.Documents {
		if e.File == "" {
			continue
		}
		if err := as.exportFile(ctx, z, e); err != nil {
			return err
		}
	}
	return z.Close()
}

// kept reports whether a file's content is kept and may be given back:
// scanned clean, or not scanned where no scanner runs.
func kept(d casework.Document) bool {
	return d.Scan == casework.ScanClean || d.Scan == casework.ScanNotScanned
}

func (as *Applications) exportFile(ctx context.Context, z *zip.Writer, e ExportDocument) error {
	r, err := as.db.OpenDocument(ctx, e.ID)
	if err != nil {
		return err
	}
	defer r.Close()
	f, err := z.CreateHeader(&zip.FileHeader{Name: e.File, Method: zip.Store, Modified: e.Uploaded})
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	return err
}
