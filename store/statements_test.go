package store_test

import (
	"context"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
)

// TestStatementKindsAreStored: a statement set by the mission is stored with
// no source and read back as such; a source keeps its date's kind and the
// source it is a version of; an untitled source is stored untitled.
func TestStatementKindsAreStored(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	m, err := db.Mission(ctx, "by-embassy-beijing")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Citations) == 0 || !m.Citations[0].SetByMission || m.Citations[0].Source != nil || m.Citations[0].SourceID != "" ||
		m.Citations[0].Note.In("ru") == "" {
		t.Fatalf("the Embassy's address, set by the mission: %+v", m.Citations)
	}
	if c := m.Citations[len(m.Citations)-1]; c.SetByMission || c.Source == nil || c.Source.ID != c.SourceID {
		t.Errorf("a sourced citation beside it: %+v", c)
	}
	v, err := db.Source(ctx, "cqcurrents-2025-05-04")
	if err != nil || v.VersionOf != "cqcurrents-interview-bilingual" || v.DateKind != mission.DatePageDated || v.URL == "" {
		t.Errorf("sources/003 stored as %+v (%v)", v, err)
	}
	if w, err := db.Source(ctx, "worldandchongqing-2022"); err != nil || w.Title != "" {
		t.Errorf("an untitled source stored as %+v (%v)", w, err)
	}

	set := mission.Claim{MissionID: "by-cg-guangzhou", Subdivisions: []string{"CN-GD"},
		Citation: mission.Citation{SetByMission: true, Note: mission.Text{"en": "The district the mission entered"}}}
	added, err := db.AddClaim(ctx, admin, set)
	if err != nil {
		t.Fatal(err)
	}
	claims, err := db.Claims(ctx, "by-cg-guangzhou")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range claims {
		if c.ID == added.ID {
			found = c.Citation.SetByMission && c.Citation.Source == nil && c.Citation.Kind() == mission.SetByMission
		}
	}
	if !found {
		t.Errorf("the set-by-mission claim read back as %+v", claims)
	}
	bare := mission.Claim{MissionID: "by-cg-guangzhou", Subdivisions: []string{"CN-GD"}, Citation: mission.Citation{Quote: "no source"}}
	if _, err := db.AddClaim(ctx, admin, bare); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Errorf("a claim with neither a source nor the mission's word: %v", err)
	}
	noNote := mission.Claim{MissionID: "by-cg-guangzhou", Citation: mission.Citation{SetByMission: true}}
	if _, err := db.AddClaim(ctx, admin, noNote); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Errorf("a set-by-mission claim without a note: %v", err)
	}
}
