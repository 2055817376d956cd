using Gtgm.Imaging;

namespace Gtgm.Transforms.Augmentation;

/// <summary>Two views of one crop, each (C, pz, py, px), and where the crop came from.</summary>
public sealed record TwoViews(float[] View1, float[] View2, int Channels, (int D, int H, int W) Shape, (int Z, int Y, int X) Start);

/// <summary>
/// The self-supervised pair of GTGM's variance-regularisation term: one random crop of the patch size from a
/// preprocessed volume, the SAME random flips applied to both views, then one extra independent perturbation per
/// view, chosen uniformly from intensity scale/shift, Gaussian noise, Gaussian blur and random rescale.
/// </summary>
public sealed class TwoViewSampler
{
    public (int D, int H, int W) PatchSize { get; }
    readonly RandomFlip _flip;
    readonly IAugmentation _perturbation;

    public TwoViewSampler((int D, int H, int W) patchSize, double flipProbability = 0.5, IAugmentation? perturbation = null)
    {
        PatchSize = patchSize;
        _flip = new RandomFlip(flipProbability);
        _perturbation = perturbation ?? new OneOf(new RandomScaleShift(), new RandomGaussianNoise(), new RandomGaussianBlur(), new RandomZoom());
    }

    public TwoViews Sample(Volume image, Random rng)
    {
        var start = (Crops.UniformStart(image.Depth, PatchSize.D, rng), Crops.UniformStart(image.Height, PatchSize.H, rng),
            Crops.UniformStart(image.Width, PatchSize.W, rng));
        var crop = Crops.Extract(image, null, start, PatchSize).Reordered(_flip.Draw(rng));
        var view1 = _perturbation.Apply(crop.Clone(), rng);
        var view2 = _perturbation.Apply(crop, rng);
        return new TwoViews(view1.Image, view2.Image, image.Channels, PatchSize, start);
    }
}
