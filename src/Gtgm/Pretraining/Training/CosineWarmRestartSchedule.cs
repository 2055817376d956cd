namespace Gtgm.Pretraining.Training;

/// <summary>
/// Linear warm-up, then cosine annealing with warm restarts (SGDR, Loshchilov &amp; Hutter 2017):
/// <code>
/// step &lt; W:  lr = base · (step + 1) / W
/// else:      t = step - W, find the cycle i with T_i = T_0 · m^i containing t, t_cur its offset in it,
///            lr = min + (base - min) · (1 + cos(π · t_cur / T_i)) / 2
/// </code>
/// A pure function of the step, so the scheduler's whole state in a checkpoint is the step number.
/// </summary>
public sealed record CosineWarmRestartSchedule(double BaseLr, double MinLr, long FirstPeriod, double PeriodMultiplier = 1, long WarmupSteps = 0)
{
    public double LearningRate(long step)
    {
        if (step < WarmupSteps) return BaseLr * (step + 1) / WarmupSteps;
        double t = step - WarmupSteps;
        double period = Math.Max(1, FirstPeriod);
        while (t >= period)
        {
            t -= period;
            period *= Math.Max(1, PeriodMultiplier);
        }
        return MinLr + (BaseLr - MinLr) * (1 + Math.Cos(Math.PI * t / period)) / 2;
    }
}
