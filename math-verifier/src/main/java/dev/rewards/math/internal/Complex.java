package dev.rewards.math.internal;

/** Minimal complex arithmetic in doubles for evaluating answers at sample points. */
public record Complex(double re, double im) {

    static final Complex ZERO = new Complex(0, 0);
    static final Complex ONE = new Complex(1, 0);
    static final Complex I = new Complex(0, 1);

    static Complex real(double re) {
        return new Complex(re, 0);
    }

    Complex add(Complex o) {
        return new Complex(re + o.re, im + o.im);
    }

    Complex negate() {
        return new Complex(-re, -im);
    }

    Complex multiply(Complex o) {
        return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    /** Smith's division: no overflow of |o|² for large divisors (1/2^1000 must stay 9.3e-302, not 0). */
    Complex divide(Complex o) {
        if (o.im == 0) {
            return new Complex(re / o.re, im / o.re);
        }
        if (Math.abs(o.re) >= Math.abs(o.im)) {
            double r = o.im / o.re;
            double d = o.re + o.im * r;
            return new Complex((re + im * r) / d, (im - re * r) / d);
        }
        double r = o.re / o.im;
        double d = o.re * r + o.im;
        return new Complex((re * r + im) / d, (im * r - re) / d);
    }

    double abs() {
        return Math.hypot(re, im);
    }

    double arg() {
        return Math.atan2(im, re);
    }

    boolean isReal() {
        return im == 0;
    }

    boolean isFinite() {
        return Double.isFinite(re) && Double.isFinite(im);
    }

    static Complex polar(double r, double theta) {
        return new Complex(r * Math.cos(theta), r * Math.sin(theta));
    }

    Complex log() {
        return new Complex(Math.log(abs()), arg());
    }

    Complex exp() {
        return polar(Math.exp(re), im);
    }

    Complex pow(Complex e) {
        if (e.isReal() && e.re == Math.rint(e.re) && Math.abs(e.re) <= 64) {
            Complex result = ONE;
            Complex base = e.re < 0 ? ONE.divide(this) : this;
            for (int k = 0; k < Math.abs((int) e.re); k++) {
                result = result.multiply(base);
            }
            return result;
        }
        if (isReal() && re >= 0 && e.isReal()) {
            return real(Math.pow(re, e.re));
        }
        if (re == 0 && im == 0) {
            return ZERO;
        }
        return log().multiply(e).exp();
    }

    Complex sqrt() {
        if (isReal() && re >= 0) {
            return real(Math.sqrt(re));
        }
        return polar(Math.sqrt(abs()), arg() / 2);
    }

    Complex sin() {
        return new Complex(Math.sin(re) * Math.cosh(im), Math.cos(re) * Math.sinh(im));
    }

    Complex cos() {
        return new Complex(Math.cos(re) * Math.cosh(im), -Math.sin(re) * Math.sinh(im));
    }
}
