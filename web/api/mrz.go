package api

import (
	"errors"
	"net/http"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mrz"
	"github.com/chancery-platform/chancery/web/ui"
)

// mrzRequest is the JSON body of POST /api/v1/mrz: the zone's lines as a
// document reader types them.
type mrzRequest struct {
	MRZ string `json:"mrz"`
}

type apiMRZCheck struct {
	Field    string `json:"field"`
	Digit    string `json:"digit"`
	Expected string `json:"expected"`
	Valid    bool   `json:"valid"`
}

// apiMRZ is what a zone says; a date is null when the zone leaves it
// unknown or it is no date.
type apiMRZ struct {
	Format         string        `json:"format"`
	DocumentCode   string        `json:"document_code"`
	IssuingState   string        `json:"issuing_state"`
	Nationality    string        `json:"nationality"`
	Surname        string        `json:"surname"`
	GivenNames     string        `json:"given_names"`
	DocumentNumber string        `json:"document_number"`
	BirthDate      *string       `json:"birth_date"`
	ExpiryDate     *string       `json:"expiry_date"`
	Sex            string        `json:"sex"`
	PersonalNumber string        `json:"personal_number"`
	OptionalData   []string      `json:"optional_data"`
	Checks         []apiMRZCheck `json:"checks"`
	Valid          bool          `json:"valid"`
}

func toAPIMRZ(d mrz.Document) apiMRZ {
	out := apiMRZ{Format: string(d.Format), DocumentCode: d.DocumentCode, IssuingState: d.IssuingState, Nationality: d.Nationality,
		Surname: d.Surname, GivenNames: d.GivenNames, DocumentNumber: d.DocumentNumber, BirthDate: nullable(d.BirthDate),
		ExpiryDate: nullable(d.ExpiryDate), Sex: d.Sex, PersonalNumber: d.PersonalNumber,
		OptionalData: append([]string{}, d.Optional...), Checks: []apiMRZCheck{}, Valid: d.Valid}
	for _, c := range d.Checks {
		out.Checks = append(out.Checks, apiMRZCheck(c))
	}
	return out
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// apiMRZRead reads a machine-readable zone. It stores nothing and writes
// no rate-limit counter: reading a zone costs less than counting it would,
// and the body is bounded like every request's. A malformed zone's error
// carries the line and position the message names.
func (s *Server) apiMRZRead(w http.ResponseWriter, r *http.Request) {
	var req mrzRequest
	if err := decodeJSON(r, &req); err != nil {
		s.Fail(w, r, err)
		return
	}
	d, err := mrz.Parse(req.MRZ, s.DB.Now())
	if err != nil {
		s.failMRZ(w, r, err)
		return
	}
	ui.WriteJSON(w, http.StatusOK, toAPIMRZ(d))
}

// failMRZ answers an error, a malformed zone's with the line and position
// its message names.
func (s *Server) failMRZ(w http.ResponseWriter, r *http.Request, err error) {
	var e *chancery.Error
	if errors.As(err, &e) && e.Data["Line"] != nil {
		ek, data := chancery.ErrorKey(err)
		ui.WriteJSON(w, ui.StatusFor(w, err), map[string]any{"error": map[string]any{"code": e.Code,
			"message": s.Translate(ui.VisitOf(r).Lang, ek, data), "line": e.Data["Line"], "position": e.Data["Position"]}})
		return
	}
	s.Fail(w, r, err)
}
