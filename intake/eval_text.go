package intake

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText prints the report for people: summary, per-class table and
// confusion matrix (rows are gold labels, columns predictions).
func (rep Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "messages: %d (category rows %d)\n", rep.N, rep.CategoryN)
	fmt.Fprintf(&b, "accuracy: %.4f\nmacro-F1: %.4f\n", rep.Accuracy, rep.MacroF1)
	fmt.Fprintf(&b, "concern: precision %.4f recall %.4f F1 %.4f\n", rep.ConcernPrecision, rep.ConcernRecall, rep.ConcernF1)
	fmt.Fprintf(&b, "location exact: %.4f (%s)\n", rep.LocationExact, Plural(rep.LocationN, "row"))
	fmt.Fprintf(&b, "urgent recall: %.4f (%s), precision %.4f\n", rep.UrgentRecall, Plural(rep.UrgentN, "row"), rep.UrgentPrecision)
	fmt.Fprintf(&b, "public acknowledgements: %.2f per 100 chit-chat (%s), %.4f of concerns, precision %.4f\n", rep.FalseAckPer100, Plural(rep.ChatN, "row"), rep.AckRecall, rep.AckPrecision)
	fmt.Fprintf(&b, "location recall (overlap): %.4f (%s naming a place)\n", rep.LocationRecall, Plural(rep.LocationPlaceN, "row"))
	fmt.Fprintf(&b, "msgs/sec: %.0f\n\n", rep.MsgsPerSec)
	// Labels (Chinese, two columns wide on a terminal, which tabwriter
	// does not know) come last, after the columns tabwriter can align.
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "precision\trecall\tF1\tsupport\tclass")
	for _, c := range rep.Classes {
		fmt.Fprintf(tw, "%.3f\t%.3f\t%.3f\t%d\t%s\n", c.Precision, c.Recall, c.F1, c.Support, c.Label)
	}
	tw.Flush()
	b.WriteString("\nconfusion (row = gold, column = predicted, labels numbered as above)\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for i := range rep.Labels {
		fmt.Fprintf(tw, "%d\t", i+1)
	}
	fmt.Fprintln(tw)
	for i, row := range rep.Confusion {
		fmt.Fprintf(tw, "%d\t", i+1)
		for _, n := range row {
			fmt.Fprintf(tw, "%d\t", n)
		}
		fmt.Fprintf(tw, " %s\n", rep.Labels[i])
	}
	tw.Flush()
	_, err := io.WriteString(w, b.String())
	return err
}

// Plural writes n and the English noun, in the plural unless n is 1: "1
// row", "2 rows", "13 categories" (the CLI's counts, here and in
// cmd/neighborbot).
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if k := len(noun) - 2; k >= 0 && noun[k+1] == 'y' && !strings.ContainsRune("aeiou", rune(noun[k])) {
		noun = noun[:k+1] + "ie"
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
