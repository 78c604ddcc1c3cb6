package export

import (
	"strconv"
	"time"
)

// Default layouts of rule X-4.
const (
	// defaultDateTimeLayout is the default date-time format, DD/MM/YYYY
	// HH:mm (24 h).
	defaultDateTimeLayout = "02/01/2006 15:04"
	// defaultDateLayout is the default date format, DD/MM/YYYY.
	defaultDateLayout = "02/01/2006"
)

// Format holds the cell formats of rule X-4. Every field is optional: the
// zero Format renders the defaults (UTC, date-times DD/MM/YYYY HH:mm on
// 24 hours, dates DD/MM/YYYY, durations HH:MM:SS, True / False). Columns
// receive the Format of the write in progress, so one table renders
// differently for different viewers.
type Format struct {
	// Location is the viewer's location for dates and date-times (UTC when
	// nil).
	Location *time.Location
	// DateTimeLayout overrides the date-time layout, DD/MM/YYYY HH:mm (a
	// time.Format layout, "02/01/2006 15:04").
	DateTimeLayout string
	// DateLayout overrides the date layout, DD/MM/YYYY ("02/01/2006").
	DateLayout string
	// Duration, when set, replaces the HH:MM:SS rendering of durations. It
	// appends the cell to dst and returns the extended slice.
	Duration func(dst []byte, d time.Duration) []byte
	// True and False override the boolean words "True" and "False".
	True, False string
}

// AppendDateTime appends t in the viewer's location with the date-time
// layout; a zero t appends nothing (an empty cell means "no value").
func (f *Format) AppendDateTime(dst []byte, t time.Time) []byte {
	if t.IsZero() {
		return dst
	}
	layout := f.DateTimeLayout
	if layout == "" {
		layout = defaultDateTimeLayout
	}
	return appendTime(dst, t.In(f.location()), layout)
}

// AppendDate appends the calendar day of t in the viewer's location; a zero
// t appends nothing.
func (f *Format) AppendDate(dst []byte, t time.Time) []byte {
	if t.IsZero() {
		return dst
	}
	layout := f.DateLayout
	if layout == "" {
		layout = defaultDateLayout
	}
	return appendTime(dst, t.In(f.location()), layout)
}

func (f *Format) location() *time.Location {
	if f.Location == nil {
		return time.UTC
	}
	return f.Location
}

// appendTime has fast paths for the two default layouts: they are the bulk
// of every export's date cells.
func appendTime(dst []byte, t time.Time, layout string) []byte {
	switch layout {
	case defaultDateTimeLayout, defaultDateLayout:
		y, m, d := t.Date()
		dst = append2(dst, d)
		dst = append(dst, '/')
		dst = append2(dst, int(m))
		dst = append(dst, '/')
		if y >= 0 && y <= 9999 {
			dst = append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
		} else {
			dst = strconv.AppendInt(dst, int64(y), 10)
		}
		if layout == defaultDateTimeLayout {
			hh, mm, _ := t.Clock()
			dst = append(dst, ' ')
			dst = append2(dst, hh)
			dst = append(dst, ':')
			dst = append2(dst, mm)
		}
		return dst
	}
	return t.AppendFormat(dst, layout)
}

func append2(dst []byte, v int) []byte {
	return append(dst, byte('0'+v/10%10), byte('0'+v%10))
}

// AppendDuration appends d as HH:MM:SS (hours may exceed 24, at least two
// digits; sub-second parts are truncated toward zero; a negative duration
// gets a leading '-'), or through f.Duration when set.
func (f *Format) AppendDuration(dst []byte, d time.Duration) []byte {
	if f.Duration != nil {
		return f.Duration(dst, d)
	}
	return appendHHMMSS(dst, d)
}

// appendHHMMSS appends d as HH:MM:SS, the X-4 default duration format.
func appendHHMMSS(dst []byte, d time.Duration) []byte {
	secs := int64(d / time.Second)
	if secs < 0 {
		dst = append(dst, '-')
		secs = -secs
	}
	h := secs / 3600
	if h < 10 {
		dst = append(dst, '0')
	}
	dst = strconv.AppendInt(dst, h, 10)
	dst = append(dst, ':')
	dst = append2(dst, int(secs/60%60))
	dst = append(dst, ':')
	return append2(dst, int(secs%60))
}

// appendBool appends "True" or "False" (or the overrides).
func (f *Format) appendBool(dst []byte, b bool) []byte {
	if b {
		if f.True != "" {
			return append(dst, f.True...)
		}
		return append(dst, "True"...)
	}
	if f.False != "" {
		return append(dst, f.False...)
	}
	return append(dst, "False"...)
}
