package availability

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrBadSchedule marks a --schedule that does not parse; the message names
// the part that is wrong.
var ErrBadSchedule = errors.New("bad schedule")

// Schedule is a set of weekly time windows in the local time zone, such as
// "mon-fri 22:00-08:00, sat,sun 00:00-24:00". A window whose end is not
// after its start crosses midnight: it begins on the listed day and ends on
// the next one (mon 22:00-08:00 is Monday night until Tuesday morning).
type Schedule struct {
	text    string
	windows []window
}

// window is one day's span, in minutes since that day's midnight; end may
// exceed 24h for a window that crosses midnight.
type window struct {
	day        time.Weekday
	start, end int
}

var dayNames = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// ParseSchedule reads windows separated by commas between entries, each
// "DAYS HH:MM-HH:MM", where DAYS is a day (mon), a range (mon-fri, which
// may wrap: fri-mon) or a list (sat,sun).
func ParseSchedule(s string) (Schedule, error) {
	sched := Schedule{text: strings.TrimSpace(s)}
	if sched.text == "" {
		return Schedule{}, fmt.Errorf("%w: empty: want windows like \"mon-fri 22:00-08:00, sat,sun 00:00-24:00\"", ErrBadSchedule)
	}
	// Commas separate both days of a list and entries: an entry ends at a
	// time span, so split on the spans instead.
	rest := sched.text
	for rest != "" {
		rest = strings.TrimLeft(rest, ", \t")
		if rest == "" {
			break
		}
		days, after, ok := strings.Cut(rest, " ")
		if !ok {
			return Schedule{}, fmt.Errorf("%w: %q: want DAYS HH:MM-HH:MM", ErrBadSchedule, rest)
		}
		after = strings.TrimLeft(after, " \t")
		span, next, _ := strings.Cut(after, ",")
		span = strings.TrimSpace(span)
		ws, err := parseEntry(days, span)
		if err != nil {
			return Schedule{}, err
		}
		sched.windows = append(sched.windows, ws...)
		rest = next
	}
	if len(sched.windows) == 0 {
		return Schedule{}, fmt.Errorf("%w: %q has no windows: want windows like \"mon-fri 22:00-08:00\"", ErrBadSchedule, s)
	}
	return sched, nil
}

func parseEntry(days, span string) ([]window, error) {
	entry := days + " " + span
	wd, err := parseDays(days)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %w", ErrBadSchedule, entry, err)
	}
	from, to, ok := strings.Cut(span, "-")
	if !ok {
		return nil, fmt.Errorf("%w: %q: time span %q: want HH:MM-HH:MM", ErrBadSchedule, entry, span)
	}
	start, err := parseClock(from)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %w", ErrBadSchedule, entry, err)
	}
	end, err := parseClock(to)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %w", ErrBadSchedule, entry, err)
	}
	if start == 24*60 {
		return nil, fmt.Errorf("%w: %q: a window cannot start at 24:00", ErrBadSchedule, entry)
	}
	if end == start {
		return nil, fmt.Errorf("%w: %q: the window is empty (start equals end): 00:00-24:00 is the whole day", ErrBadSchedule, entry)
	}
	if end < start {
		end += 24 * 60 // crosses midnight into the next day
	}
	out := make([]window, 0, len(wd))
	for _, d := range wd {
		out = append(out, window{day: d, start: start, end: end})
	}
	return out, nil
}

// parseDays reads "mon", "mon-fri" or "sat,sun" (lists may mix ranges).
func parseDays(s string) ([]time.Weekday, error) {
	var out []time.Weekday
	for _, part := range strings.Split(s, ",") {
		from, to, isRange := strings.Cut(part, "-")
		a, ok := dayNames[strings.ToLower(from)]
		if !ok {
			return nil, fmt.Errorf("day %q: want mon, tue, wed, thu, fri, sat or sun", from)
		}
		if !isRange {
			out = append(out, a)
			continue
		}
		b, ok := dayNames[strings.ToLower(to)]
		if !ok {
			return nil, fmt.Errorf("day %q: want mon, tue, wed, thu, fri, sat or sun", to)
		}
		for d := a; ; d = (d + 1) % 7 {
			out = append(out, d)
			if d == b {
				break
			}
		}
	}
	return out, nil
}

// parseClock reads HH:MM (00:00 to 24:00) as minutes since midnight.
func parseClock(s string) (int, error) {
	hh, mm, ok := strings.Cut(s, ":")
	h, herr := strconv.Atoi(hh)
	m, merr := strconv.Atoi(mm)
	if !ok || herr != nil || merr != nil || len(mm) != 2 || len(hh) < 1 || len(hh) > 2 || h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("time %q: want HH:MM from 00:00 to 24:00", s)
	}
	return h*60 + m, nil
}

// Contains reports whether t, read in its own location (a node passes
// local time), falls inside a window.
func (s Schedule) Contains(t time.Time) bool {
	mins := t.Hour()*60 + t.Minute()
	today := t.Weekday()
	yesterday := (today + 6) % 7
	for _, w := range s.windows {
		if w.day == today && mins >= w.start && mins < w.end {
			return true
		}
		// The tail of yesterday's window that crossed midnight.
		if w.day == yesterday && w.end > 24*60 && mins < w.end-24*60 {
			return true
		}
	}
	return false
}

// IsZero reports whether the schedule has no windows (none was given).
func (s Schedule) IsZero() bool { return len(s.windows) == 0 }

// String is the schedule as it was written.
func (s Schedule) String() string { return s.text }
