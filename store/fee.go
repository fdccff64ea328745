package store

import (
	"context"
	"slices"

	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/entry"
)

const feeColumns = `destination, applicant, visa_type, entries, amount, currency, valid_from, valid_to, source`

// Fees returns the visa fee table, every dated row.
func (db *DB) Fees(ctx context.Context) ([]dataset.Fee, error) { return findFees(ctx, db.reader()) }

func findFees(ctx context.Context, q queryer) ([]dataset.Fee, error) {
	rows, err := q.query(ctx, `SELECT `+feeColumns+` FROM fees ORDER BY destination, applicant, visa_type, entries, valid_from`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dataset.Fee
	for rows.Next() {
		var f dataset.Fee
		if err := rows.Scan(&f.Destination, &f.Applicant, &f.VisaType, &f.Entries, &f.Amount, &f.Currency, &f.ValidFrom, &f.ValidTo, &f.Source); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// syncFees makes the fee table the dataset's, which must keep the table's
// rules (entry.ValidateFees: no two rows for one visa in force on the same
// day); a table that breaks them is an EINVALID error naming the row.
func (tx *Tx) syncFees(ctx context.Context, who Actor, want []dataset.Fee, rep *ImportReport) error {
	table := make([]entry.Fee, len(want))
	for i, f := range want {
		table[i] = entry.Fee(f)
	}
	if err := entry.ValidateFees(table); err != nil {
		return err
	}
	have, err := findFees(ctx, tx)
	if err != nil {
		return err
	}
	for _, h := range have {
		if slices.Contains(want, h) {
			rep.Unchanged++
			continue
		}
		if _, err := tx.exec(ctx, `DELETE FROM fees WHERE destination=? AND applicant=? AND visa_type=? AND entries=? AND valid_from=?`,
			h.Destination, h.Applicant, h.VisaType, h.Entries, h.ValidFrom); err != nil {
			return err
		}
		rep.Deleted++
		if err := tx.audit(ctx, who, "fee.delete", "fee", h.Destination+"/"+h.Applicant+"/"+h.VisaType, h, nil); err != nil {
			return err
		}
	}
	for _, w := range want {
		if slices.Contains(have, w) {
			continue
		}
		if _, err := tx.exec(ctx, `INSERT INTO fees (`+feeColumns+`) VALUES (?,?,?,?,?,?,?,?,?)`,
			w.Destination, w.Applicant, w.VisaType, w.Entries, w.Amount, w.Currency, w.ValidFrom, w.ValidTo, w.Source); err != nil {
			return err
		}
		rep.Created++
		if err := tx.audit(ctx, who, "fee.create", "fee", w.Destination+"/"+w.Applicant+"/"+w.VisaType, nil, w); err != nil {
			return err
		}
	}
	return nil
}

// VisaFreeAirport returns the dated lists of nationalities covered by
// visa-free entry through the sending country's main airport, earliest
// first; entry.AirportListOn picks the one in force on a day.
func (db *DB) VisaFreeAirport(ctx context.Context) ([]dataset.AirportList, error) {
	return findAirport(ctx, db.reader())
}

func findAirport(ctx context.Context, q queryer) ([]dataset.AirportList, error) {
	rows, err := q.query(ctx, `SELECT valid_from, nationality FROM visa_free_airport_lists ORDER BY valid_from, nationality`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dataset.AirportList
	for rows.Next() {
		var from, n string
		if err := rows.Scan(&from, &n); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].From != from {
			out = append(out, dataset.AirportList{From: from})
		}
		last := &out[len(out)-1]
		last.Nationalities = append(last.Nationalities, n)
	}
	return out, rows.Err()
}

// airportEntry is one nationality of one dated list, as stored.
type airportEntry struct{ From, Nationality string }

func airportEntries(lists []dataset.AirportList) []airportEntry {
	var out []airportEntry
	for _, l := range lists {
		for _, n := range l.Nationalities {
			out = append(out, airportEntry{l.From, n})
		}
	}
	return out
}

// syncAirport makes the stored lists the dataset's, writing only the
// nationalities added to or dropped from a dated list.
func (tx *Tx) syncAirport(ctx context.Context, who Actor, wantLists []dataset.AirportList, rep *ImportReport) error {
	haveLists, err := findAirport(ctx, tx)
	if err != nil {
		return err
	}
	have, want := airportEntries(haveLists), airportEntries(wantLists)
	for _, h := range have {
		if slices.Contains(want, h) {
			rep.Unchanged++
			continue
		}
		if _, err := tx.exec(ctx, `DELETE FROM visa_free_airport_lists WHERE valid_from = ? AND nationality = ?`, h.From, h.Nationality); err != nil {
			return err
		}
		rep.Deleted++
		if err := tx.audit(ctx, who, "airport.delete", "visa_free_airport", h.From+"/"+h.Nationality, h, nil); err != nil {
			return err
		}
	}
	for _, w := range want {
		if slices.Contains(have, w) {
			continue
		}
		if _, err := tx.exec(ctx, `INSERT INTO visa_free_airport_lists (valid_from, nationality) VALUES (?, ?)`, w.From, w.Nationality); err != nil {
			return err
		}
		rep.Created++
		if err := tx.audit(ctx, who, "airport.create", "visa_free_airport", w.From+"/"+w.Nationality, nil, w); err != nil {
			return err
		}
	}
	return nil
}

// FeesInForce returns the rows of the fee table for destination's visas in
// force on day (YYYY-MM-DD): what a service whose fee is the fee table costs.
func (db *DB) FeesInForce(ctx context.Context, destination, day string) ([]dataset.Fee, error) {
	all, err := findFees(ctx, db.reader())
	if err != nil {
		return nil, err
	}
	var out []dataset.Fee
	for _, f := range all {
		if f.Destination == destination && f.ValidFrom <= day && (f.ValidTo == "" || day <= f.ValidTo) {
			out = append(out, f)
		}
	}
	return out, nil
}
