package gui

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math/big"
	"time"

	"github.com/conun/conun/farm/api"
)

// chartDays is how many days the Node tab's earnings chart shows: a
// month, enough to see a pattern in when the machine earns.
const chartDays = 30

// Bar geometry of the chart, in pixels: the image is drawn at this size
// and scaled by the canvas, so bars stay crisp at any size.
const (
	chartBarW   = 6
	chartGap    = 2
	chartHeight = 60
)

var (
	chartBar  = color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff} // a day that earned
	chartAxis = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff} // the baseline, so a day of nothing shows as one
)

// EarningsChart draws what the node earned on each of the last chartDays
// days up to today (UTC, as the node counts days) as one bar a day, the
// oldest on the left, and says what the bars are. On a chain a bar is the
// tokens earned that day, exact ratios of wei; without one (nothing is
// paid) it is the tasks rendered. The tallest bar fills the height.
func EarningsChart(e api.Earnings, today time.Time) (image.Image, string) {
	first := today.UTC().AddDate(0, 0, -(chartDays - 1))
	value := make([]*big.Int, chartDays)
	for i := range value {
		value[i] = new(big.Int)
	}
	for _, d := range e.Days {
		day, err := time.Parse(api.DayLayout, d.Day)
		if err != nil {
			continue // a day the node wrote some other way is not charted
		}
		i := int(day.Sub(time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, time.UTC)).Hours() / 24)
		if i < 0 || i >= chartDays {
			continue
		}
		if e.Connected {
			value[i].Add(value[i], d.Earned.Wei())
		} else {
			value[i].Add(value[i], big.NewInt(d.Tasks))
		}
	}
	top, sum := new(big.Int), new(big.Int)
	for _, v := range value {
		sum.Add(sum, v)
		if v.Cmp(top) > 0 {
			top = v
		}
	}
	img := image.NewNRGBA(image.Rect(0, 0, chartDays*(chartBarW+chartGap), chartHeight+1))
	draw.Draw(img, image.Rect(0, chartHeight, img.Bounds().Dx(), chartHeight+1), image.NewUniform(chartAxis), image.Point{}, draw.Src)
	for i, v := range value {
		h := barHeight(v, top)
		x := i * (chartBarW + chartGap)
		draw.Draw(img, image.Rect(x, chartHeight-h, x+chartBarW, chartHeight), image.NewUniform(chartBar), image.Point{}, draw.Src)
	}
	span := fmt.Sprintf("%s to %s", first.Format(api.DayLayout), today.UTC().Format(api.DayLayout))
	if e.Connected {
		return img, fmt.Sprintf("Tokens earned a day, %s: %s in all", span, api.TokensFromWei(sum))
	}
	return img, fmt.Sprintf("Tasks rendered a day, %s: %d in all (not on a chain: nothing paid)", span, sum.Int64())
}

// barHeight scales v to the chart's height against the tallest day top;
// any day above nothing gets at least one pixel, so it never reads as
// none.
func barHeight(v, top *big.Int) int {
	if v.Sign() <= 0 || top.Sign() <= 0 {
		return 0
	}
	h := new(big.Int).Mul(v, big.NewInt(chartHeight))
	h.Quo(h, top)
	return max(int(h.Int64()), 1)
}
