package web_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/chancery-platform/chancery/store"
)

// TestCaseTypesAPI: GET /api/v1/missions/{id}/case-types lists the
// mission's case types, latest versions, retired ones left out; the visa
// fee is the fee table's rows in force, each with its source, and the
// others are set by the mission, never dressed as sourced.
func TestCaseTypesAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	type apiType struct {
		ID          string `json:"id"`
		Version     int    `json:"version"`
		Appointment string `json:"appointment"`
		Questions   []struct {
			ID   string `json:"id"`
			Role string `json:"role"`
			When *struct {
				Question string   `json:"question"`
				In       []string `json:"in"`
			} `json:"when"`
		} `json:"questions"`
		Fee struct {
			Kind    string `json:"kind"`
			Sourced bool   `json:"sourced"`
			Table   []struct {
				Amount, Currency, Source string
			} `json:"table"`
			Citation *struct {
				Kind string `json:"kind"`
			} `json:"citation"`
		} `json:"fee"`
		Results []struct {
			ID             string `json:"id"`
			RetentionYears int    `json:"retention_years"`
		} `json:"results"`
	}
	list := func() []apiType {
		res := c.get("/api/v1/missions/by-cg-chongqing/case-types")
		var body struct {
			CaseTypes []apiType `json:"case_types"`
		}
		if res.Status != 200 || json.Unmarshal([]byte(res.Body), &body) != nil {
			t.Fatalf("%d %s", res.Status, res.Body)
		}
		return body.CaseTypes
	}
	types := list()
	if len(types) != 5 || types[0].ID != "visa" || types[0].Appointment != "cq-visa" || types[0].Version != 1 {
		t.Fatalf("case types: %+v", types)
	}
	visa := types[0]
	if visa.Fee.Kind != "fee_table" || !visa.Fee.Sourced || len(visa.Fee.Table) == 0 || visa.Fee.Table[0].Source == "" {
		t.Errorf("the visa fee: %+v", visa.Fee)
	}
	roles := map[string]string{}
	for _, q := range visa.Questions {
		if q.ID == "entries" && (q.When == nil || q.When.Question != "visa_type") {
			t.Errorf("the entries question is not conditional: %+v", q)
		}
		if q.Role != "" {
			roles[q.Role] = q.ID
		}
	}
	if roles["surname"] != "surname" || roles["document_number"] != "passport_number" || len(roles) != 7 {
		t.Errorf("the visa application's identity questions: %v", roles)
	}
	for _, ct := range types[1:] {
		if ct.Fee.Sourced || ct.Fee.Citation == nil || ct.Fee.Citation.Kind != "set_by_mission" {
			t.Errorf("%s: fee %+v", ct.ID, ct.Fee)
		}
	}
	if visa.Results[0].ID != "issued" || visa.Results[0].RetentionYears != 5 {
		t.Errorf("visa results: %+v", visa.Results)
	}

	ctx := context.Background()
	notarial, err := e.DB.CaseType(ctx, "by-cg-chongqing", "notarial-act", 0)
	if err != nil {
		t.Fatal(err)
	}
	notarial.Retired = true
	if _, err := e.DB.SaveCaseType(ctx, store.Actor{Name: "test"}, notarial); err != nil {
		t.Fatal(err)
	}
	if types := list(); len(types) != 4 {
		t.Errorf("a retired case type is still offered: %d", len(types))
	}
	if res := c.get("/api/v1/missions/nowhere/case-types"); res.Status != 404 {
		t.Errorf("an unknown mission: %d", res.Status)
	}
}
