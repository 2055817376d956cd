namespace Gtgm.Imaging.Phantoms;

/// <summary>
/// An ellipsoid (world centre and semi-axes, rotated about z by <c>Angle</c>) whose surface is pushed in and out by a
/// smooth random field: a point is inside when <c>|R(p − c) / r|² + Amplitude · noise(p) &lt; 1</c>. With amplitudes
/// of 0.1–0.3 it reads as an organ rather than a geometric solid, and every seed gives a different shape.
/// </summary>
sealed class DeformedEllipsoid
{
    readonly double _cx, _cy, _cz, _rx, _ry, _rz, _cos, _sin, _amplitude;
    readonly ValueNoise _noise;

    public DeformedEllipsoid(Random rng, (double X, double Y, double Z) centre, (double X, double Y, double Z) radii,
        double angle = 0, double amplitude = 0.15, double? noiseCell = null)
    {
        (_cx, _cy, _cz) = centre;
        (_rx, _ry, _rz) = radii;
        _cos = Math.Cos(angle); _sin = Math.Sin(angle);
        _amplitude = amplitude;
        _noise = new ValueNoise(rng.Next(), noiseCell ?? 0.8 * Math.Min(_rx, Math.Min(_ry, _rz)));
    }

    public bool Contains(double x, double y, double z) => Level(x, y, z) < 0;

    /// <summary>Below 0 inside, 0 on the surface; roughly the normalised radius squared minus one.</summary>
    public double Level(double x, double y, double z)
    {
        double dx = x - _cx, dy = y - _cy, dz = z - _cz;
        double u = (_cos * dx + _sin * dy) / _rx, v = (-_sin * dx + _cos * dy) / _ry, w = dz / _rz;
        double r2 = u * u + v * v + w * w;
        if (r2 > (1 + _amplitude) * 1.5) return r2 - 1; // far outside: skip the noise
        return r2 - 1 + _amplitude * _noise.Sample(x, y, z);
    }

    /// <summary>World bounding box (x, y, z) that contains every inside point.</summary>
    public (double X0, double X1, double Y0, double Y1, double Z0, double Z1) Bounds
    {
        get
        {
            double grow = Math.Sqrt(1 + _amplitude), r = Math.Max(_rx, _ry) * grow;
            return (_cx - r, _cx + r, _cy - r, _cy + r, _cz - _rz * grow, _cz + _rz * grow);
        }
    }
}
