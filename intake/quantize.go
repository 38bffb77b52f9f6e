package intake

import "math"

// The category ensemble has one weight per feature, class and member
// (about 770,000 for the default model): stored as float32 they would
// quadruple the embedded model. Saved models hold them as one byte each
// with a scale per class (Q, QScale); a model in memory holds the
// dequantised weights, and Train quantises its category members at once so
// that a trained model and the same model saved and loaded again answer
// alike.

// quantize stores W as bytes (value+128, of round(W/scale)) with
// scale = max|W[·,c]|/127 per class, and sets W to the dequantised values.
func (l *linear) quantize() {
	k := len(l.Labels)
	l.QScale = make([]float32, k)
	for i, w := range l.W {
		c := i % k
		l.QScale[c] = max(l.QScale[c], float32(math.Abs(float64(w))))
	}
	for c := range l.QScale {
		l.QScale[c] /= 127
	}
	l.Q = make([]byte, len(l.W))
	for i, w := range l.W {
		s := l.QScale[i%k]
		q := 0
		if s > 0 {
			q = int(math.Round(float64(w / s)))
		}
		l.Q[i] = byte(q + 128)
		l.W[i] = float32(q) * s
	}
	l.setDequantized()
}

// dequantize fills W from Q and QScale (after decoding a saved model).
func (l *linear) dequantize() {
	if l.Q == nil {
		return
	}
	k := len(l.Labels)
	l.W = make([]float32, len(l.Q))
	for i, q := range l.Q {
		l.W[i] = float32(int(q)-128) * l.QScale[i%k]
	}
	l.setDequantized()
}

// quantizedForSave returns a copy of l that holds only Q and QScale.
func (l *linear) quantizedForSave() *linear {
	c := *l
	if c.Q != nil {
		c.W = nil
	}
	return &c
}

// setDequantized fills deq from QScale: each class's 256 possible weights,
// dequantised as dequantize computes them.
func (l *linear) setDequantized() {
	k := len(l.Labels)
	l.deq = make([]float64, 256*k)
	for c := range k {
		for q := range 256 {
			l.deq[c*256+q] = float64(float32(q-128) * l.QScale[c])
		}
	}
}

// logitsQuantized adds v times the weights of ids to out, as logits does,
// reading each weight from Q as the dequantised value of its byte (deq):
// the same float32 weights, so the same sums, bit for bit, from a quarter
// of the memory. The rows of a message's few hundred features lie
// scattered over megabytes of W; as bytes they take a cache line or two
// fewer each.
func (l *linear) logitsQuantized(ids []int32, out []float64, v float64) {
	k := len(l.Labels)
	q := l.Q
	j := 0
	// eight classes a pass over ids where there are
	for ; j+8 <= k; j += 8 {
		d := l.deq[j*256 : j*256+8*256] // class j+c's weights at c*256
		a0, a1, a2, a3, a4, a5, a6, a7 := out[j], out[j+1], out[j+2], out[j+3], out[j+4], out[j+5], out[j+6], out[j+7]
		for _, id := range ids {
			row := q[int(id)*k+j : int(id)*k+j+8]
			a0 += v * d[row[0]]
			a1 += v * d[256+int(row[1])]
			a2 += v * d[2*256+int(row[2])]
			a3 += v * d[3*256+int(row[3])]
			a4 += v * d[4*256+int(row[4])]
			a5 += v * d[5*256+int(row[5])]
			a6 += v * d[6*256+int(row[6])]
			a7 += v * d[7*256+int(row[7])]
		}
		out[j], out[j+1], out[j+2], out[j+3], out[j+4], out[j+5], out[j+6], out[j+7] = a0, a1, a2, a3, a4, a5, a6, a7
	}
	if j+5 == k { // five left (13 classes: 8 and 5, two passes)
		d := l.deq[j*256 : j*256+5*256]
		a0, a1, a2, a3, a4 := out[j], out[j+1], out[j+2], out[j+3], out[j+4]
		for _, id := range ids {
			row := q[int(id)*k+j : int(id)*k+j+5]
			a0 += v * d[row[0]]
			a1 += v * d[256+int(row[1])]
			a2 += v * d[2*256+int(row[2])]
			a3 += v * d[3*256+int(row[3])]
			a4 += v * d[4*256+int(row[4])]
		}
		out[j], out[j+1], out[j+2], out[j+3], out[j+4] = a0, a1, a2, a3, a4
		j += 5
	}
	for ; j+4 <= k; j += 4 {
		d0, d1, d2, d3 := l.deq[j*256:][:256], l.deq[(j+1)*256:][:256], l.deq[(j+2)*256:][:256], l.deq[(j+3)*256:][:256]
		a0, a1, a2, a3 := out[j], out[j+1], out[j+2], out[j+3]
		for _, id := range ids {
			row := q[int(id)*k+j : int(id)*k+j+4]
			a0 += v * d0[row[0]]
			a1 += v * d1[row[1]]
			a2 += v * d2[row[2]]
			a3 += v * d3[row[3]]
		}
		out[j], out[j+1], out[j+2], out[j+3] = a0, a1, a2, a3
	}
	for ; j < k; j++ {
		a, d := out[j], l.deq[j*256:][:256]
		for _, id := range ids {
			a += v * d[q[int(id)*k+j]]
		}
		out[j] = a
	}
}
