package availability

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// at is a local time in the week of Monday 2026-11-30.
func at(day time.Weekday, hhmm string) time.Time {
	t, err := time.ParseInLocation("15:04", hhmm, time.Local)
	if err != nil {
		panic(err)
	}
	// 2026-11-29 is a Sunday.
	return time.Date(2026, 11, 29+int(day), t.Hour(), t.Minute(), 0, 0, time.Local)
}

func TestScheduleContains(t *testing.T) {
	const office = "mon-fri 22:00-08:00, sat,sun 00:00-24:00"
	tests := []struct {
		name  string
		sched string
		at    time.Time
		want  bool
	}{
		{"monday night", office, at(time.Monday, "23:30"), true},
		{"tuesday morning is monday's window", office, at(time.Tuesday, "07:59"), true},
		{"tuesday at eight ends it", office, at(time.Tuesday, "08:00"), false},
		{"monday noon", office, at(time.Monday, "12:00"), false},
		{"monday before dawn is sunday's whole day, not a weekday night", office, at(time.Monday, "03:00"), false},
		{"saturday noon", office, at(time.Saturday, "12:00"), true},
		{"saturday morning is friday night's", office, at(time.Saturday, "07:00"), true},
		{"start is inside", "wed 10:00-11:00", at(time.Wednesday, "10:00"), true},
		{"end is outside", "wed 10:00-11:00", at(time.Wednesday, "11:00"), false},
		{"wrapping day range", "fri-mon 09:00-17:00", at(time.Sunday, "12:00"), true},
		{"wrapping day range leaves midweek", "fri-mon 09:00-17:00", at(time.Wednesday, "12:00"), false},
		{"saturday night into sunday", "sat 23:00-01:00", at(time.Sunday, "00:30"), true},
		{"sunday's own night is not listed", "sat 23:00-01:00", at(time.Sunday, "23:30"), false},
		{"upper case days", "MON 00:00-24:00", at(time.Monday, "23:59"), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParseSchedule(tc.sched)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Contains(tc.at); got != tc.want {
				t.Errorf("%q contains %s = %v, want %v", tc.sched, tc.at.Format("Mon 15:04"), got, tc.want)
			}
		})
	}
}

// TestSundayMondayNight checks the wrap from Saturday (6) to Sunday (0).
func TestScheduleWeekWrap(t *testing.T) {
	s, err := ParseSchedule("sat 22:00-06:00")
	if err != nil {
		t.Fatal(err)
	}
	if !s.Contains(at(time.Sunday, "05:00")) {
		t.Error("saturday's window does not reach sunday morning")
	}
}

func TestParseScheduleErrors(t *testing.T) {
	tests := []struct {
		in, names string
	}{
		{"", "empty"},
		{"mon", `"mon"`},
		{"mon 22:00", `"22:00"`},
		{"moon 22:00-23:00", `"moon"`},
		{"mon-frx 22:00-23:00", `"frx"`},
		{"mon 25:00-26:00", `"25:00"`},
		{"mon 22:00-22:60", `"22:60"`},
		{"mon 9-17", `"9"`},
		{"mon 10:00-10:00", "empty"},
		{"mon 24:00-01:00", "24:00"},
		{"mon 22:00-08:00 tue 10:00-11:00", `"08:00 tue 10:00-11:00"`},
		{"mon 22:00-08:00, sat,sun", `"sat,sun"`},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			_, err := ParseSchedule(tc.in)
			if !errors.Is(err, ErrBadSchedule) {
				t.Fatalf("ParseSchedule(%q) = %v, want ErrBadSchedule", tc.in, err)
			}
			if !strings.Contains(err.Error(), tc.names) {
				t.Errorf("error %q does not name %s", err, tc.names)
			}
		})
	}
}

func FuzzParseSchedule(f *testing.F) {
	for _, s := range []string{"mon-fri 22:00-08:00, sat,sun 00:00-24:00", "fri-mon 09:00-17:00", "sun 23:59-00:01", ",,", "mon 1:00-2:00"} {
		f.Add(s)
	}
	probe := []time.Time{at(time.Monday, "00:00"), at(time.Wednesday, "12:34"), at(time.Sunday, "23:59")}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseSchedule(in)
		if err != nil {
			if !errors.Is(err, ErrBadSchedule) {
				t.Fatalf("error %v is not ErrBadSchedule", err)
			}
			return
		}
		if s.IsZero() {
			t.Fatalf("%q parsed to no windows without an error", in)
		}
		for _, w := range s.windows {
			if w.start < 0 || w.start >= 24*60 || w.end <= w.start || w.end > 48*60 {
				t.Fatalf("%q gave window %+v", in, w)
			}
		}
		for _, p := range probe {
			s.Contains(p) // must not panic
		}
	})
}
