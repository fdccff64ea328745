package api

import (
	"net/http"

	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/web/ui"
)

// apiCaseType is a case type as the API gives it: what casework keeps,
// with its fee as a service's fee is given (the fee table's rows in force,
// or the citation of who set it).
type apiCaseType struct {
	casework.CaseType
	Fee apiServiceFee `json:"fee"`
}

// apiCaseTypeList lists the case types a mission takes applications for
// now: the latest version of each, retired ones left out.
func (s *Server) apiCaseTypeList(w http.ResponseWriter, r *http.Request) {
	m, err := s.DB.Mission(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	types, err := s.DB.CaseTypes(r.Context(), m.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	out := []apiCaseType{}
	for _, t := range types {
		if t.Retired {
			continue
		}
		a := apiCaseType{CaseType: t, Fee: apiServiceFee{Kind: t.Fee.Kind, Sourced: t.Fee.Sourced(), Text: t.Fee.Text}}
		if err := s.feeGrounds(r.Context(), m, t.Fee, &a.Fee); err != nil {
			s.Fail(w, r, err)
			return
		}
		out = append(out, a)
	}
	ui.WriteJSON(w, http.StatusOK, map[string]any{"case_types": out})
}
