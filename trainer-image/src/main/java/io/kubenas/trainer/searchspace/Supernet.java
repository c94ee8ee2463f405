package io.kubenas.trainer.searchspace;

import ai.djl.MalformedModelException;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every candidate of every layer of a {@link ResolvedSearchSpace}, between a shared stem and tail:
 * stem 3x3 conv + BN + ReLU → choice layers → tail 1x1 conv + BN + ReLU → global average pool →
 * dropout → linear without bias.
 *
 * <p>Two forward modes. {@linkplain #setPath Sampled path} (DSNAS): only the chosen candidate of each
 * layer runs, so a step costs what the child network costs; if the input list carries a second array of
 * gates Z (one per layer, value 1, requiring gradient), layer i's output is multiplied by Z[i] and after
 * backward Z's gradient holds each layer's credit ∂L/∂Z. {@linkplain #setMeanOfActive Mean of active}
 * (TE-NAS): each layer outputs the mean of its active candidates.
 *
 * <p>A network whose layers have one candidate each is a child network; {@link ChildNetwork} builds one
 * this way, so the child and the supernet's path are the same code.
 */
public final class Supernet extends AbstractBlock {
    private static final byte VERSION = 1;

    private final ResolvedSearchSpace space;
    private final ReluTap reluTap = new ReluTap();
    private final Branch stem;
    private final List<ChoiceLayer> layers = new ArrayList<>();
    private final Branch tail;
    private final Dropout dropout;
    private final Linear classifier;
    private int[] path;
    private boolean[][] active;
    private List<Parameter> sharedParameters;
    /** Whether a forward runs channels-last when on the CPU ({@link ChannelsLast}: wide enough networks only; never on GPUs). */
    private final boolean channelsLastOnCpu;

    public Supernet(ResolvedSearchSpace space) {
        super(VERSION);
        if (space.input().classes() <= 0) {
            throw new IllegalArgumentException("the number of classes must be known to build a network, got " + space.input().classes());
        }
        this.space = space;
        this.stem = addChildBlock("stem", new Branch(reluTap)
                .add(ShuffleLayers.stemConvolution(space.stemChannels(), space.stemStride()), false)
                .add(ShuffleLayers.batchNorm(), true));
        for (ResolvedLayer layer : space.layers()) {
            layers.add(addChildBlock("layer" + layer.index(), new ChoiceLayer(layer, reluTap)));
        }
        this.tail = addChildBlock("tail", new Branch(reluTap)
                .add(ShuffleLayers.pointwise(space.tailChannels()), false)
                .add(ShuffleLayers.batchNorm(), true));
        this.dropout = space.dropout() > 0 ? addChildBlock("dropout", Dropout.builder().optRate((float) space.dropout()).build()) : null;
        this.classifier = addChildBlock("classifier", ShuffleLayers.classifier(space.input().classes()));
        this.path = new int[space.layers().size()];
        this.channelsLastOnCpu = ChannelsLast.suits(space);
    }

    /**
     * Builds and initialises a network on {@code manager}'s device. The random draws come from the engine's
     * generator: seed it ({@code Engine.getInstance().setRandomSeed}) first for a reproducible network.
     */
    public static Supernet create(ResolvedSearchSpace space, NDManager manager) {
        return create(space, manager, DataType.FLOAT32);
    }

    /** As {@link #create(ResolvedSearchSpace, NDManager)} with parameters of {@code dataType} (tests use float64). */
    public static Supernet create(ResolvedSearchSpace space, NDManager manager, DataType dataType) {
        Supernet net = new Supernet(space);
        net.initialize(manager, dataType, net.inputShape(1));
        return net;
    }

    public ResolvedSearchSpace space() {
        return space;
    }

    /** [batch, channels, size, size]. */
    public Shape inputShape(int batch) {
        InputShape in = space.input();
        return new Shape(batch, in.channels(), in.size(), in.size());
    }

    public List<ChoiceLayer> layers() {
        return List.copyOf(layers);
    }

    public ChoiceLayer layer(int index) {
        return layers.get(index);
    }

    public int layerCount() {
        return layers.size();
    }

    /** Where TE-NAS watches the ReLU outputs. */
    public ReluTap reluTap() {
        return reluTap;
    }

    /** Runs the candidates {@code path[i]} (an index into layer i's candidates) from the next forward on. */
    public void setPath(int[] path) {
        if (path.length != layers.size()) {
            throw new IllegalArgumentException("path has " + path.length + " entries for " + layers.size() + " layers");
        }
        for (int i = 0; i < path.length; i++) {
            if (path[i] < 0 || path[i] >= layers.get(i).candidateCount()) {
                throw new IllegalArgumentException("layer " + i + " has no candidate " + path[i]);
            }
        }
        this.path = path.clone();
        this.active = null;
    }

    public int[] path() {
        return path.clone();
    }

    /** From the next forward on, layer i outputs the mean of the candidates c with {@code active[i][c]}. */
    public void setMeanOfActive(boolean[][] active) {
        if (active.length != layers.size()) {
            throw new IllegalArgumentException("active has " + active.length + " rows for " + layers.size() + " layers");
        }
        boolean[][] copy = new boolean[active.length][];
        for (int i = 0; i < active.length; i++) {
            if (active[i].length != layers.get(i).candidateCount()) {
                throw new IllegalArgumentException("layer " + i + " has " + layers.get(i).candidateCount() + " candidates, mask has " + active[i].length);
            }
            copy[i] = active[i].clone();
        }
        this.active = copy;
    }

    /**
     * The parameters a forward along {@code path} uses: stem, the chosen unit of each layer, tail and
     * classifier. Exactly these get gradients in a DSNAS step.
     */
    public List<Parameter> parametersOnPath(int[] path) {
        List<Parameter> out = new ArrayList<>(sharedParameters());
        for (int i = 0; i < layers.size(); i++) {
            out.addAll(layers.get(i).unit(path[i]).parameterList());
        }
        return out;
    }

    /** Stem, tail and classifier: the parameters every path uses. */
    public List<Parameter> sharedParameters() {
        if (sharedParameters == null) {
            List<Parameter> shared = new ArrayList<>(stem.parameterList());
            shared.addAll(tail.parameterList());
            shared.addAll(classifier.getParameters().values());
            sharedParameters = List.copyOf(shared);
        }
        return sharedParameters;
    }

    /** The stem's parameters (the child copies them, then each layer's unit, then tail and classifier). */
    List<Parameter> stemParameters() {
        return stem.parameterList();
    }

    List<Parameter> tailAndClassifierParameters() {
        List<Parameter> out = new ArrayList<>(tail.parameterList());
        out.addAll(classifier.getParameters().values());
        return out;
    }

    /**
     * Reads parameters written by {@code saveParameters} into this network's existing arrays. DJL's own
     * {@code loadParameters} swaps in new arrays, which leaves a {@code ParameterStore} and an optimizer
     * holding the old ones and drops the arrays' gradients; copying values keeps every reference valid.
     */
    public void loadParametersInPlace(NDManager manager, DataInputStream in) throws IOException, MalformedModelException {
        DataType dataType = getParameters().valueAt(0).getArray().getDataType();
        try (NDManager scratchManager = manager.newSubManager()) {
            Supernet scratch = new Supernet(space);
            scratch.setInitializer(Initializer.ZEROS, p -> true);
            scratch.initialize(scratchManager, dataType, inputShape(1));
            scratch.loadParameters(scratchManager, in);
            copyValues(scratch.getParameters().values(), getParameters().values());
        }
    }

    /** Copies parameter values pairwise (same structure, same shapes). */
    static void copyValues(List<Parameter> from, List<Parameter> to) {
        if (from.size() != to.size()) {
            throw new IllegalStateException("parameter lists differ: " + from.size() + " vs " + to.size());
        }
        for (int i = 0; i < from.size(); i++) {
            NDArray src = from.get(i).getArray();
            NDArray dst = to.get(i).getArray();
            if (!src.getShape().equals(dst.getShape())) {
                throw new IllegalStateException("parameter " + to.get(i).getName() + ": shape " + src.getShape() + " vs " + dst.getShape());
            }
            src.copyTo(dst);
        }
    }

    /** Trainable parameter values (weights, γ, β; not the BatchNorm running statistics). */
    public long parameterCount() {
        return countTrainable(getParameters().values());
    }

    static long countTrainable(List<Parameter> parameters) {
        long n = 0;
        for (Parameter p : parameters) {
            if (p.requiresGradient()) {
                n += p.getArray().getShape().size();
            }
        }
        return n;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(logits(store, inputs.head(), inputs.size() > 1 ? inputs.get(1) : null, training));
    }

    /**
     * The forward pass on an initialised network, without DJL's per-call walk over every parameter of the
     * supernet (which {@code Block.forward} does in training mode to check initialisation).
     *
     * @param images [B, C, H, W] on the parameters' device
     * @param gates null, or [layers] ones requiring gradient (sampled-path mode only)
     */
    public NDArray logits(ParameterStore store, NDArray images, NDArray gates, boolean training) {
        NDArray x = stem.apply(store, channelsLastOnCpu && Device.Type.CPU.equals(images.getDevice().getDeviceType()) ? ChannelsLast.of(images) : images, training);
        for (int i = 0; i < layers.size(); i++) {
            if (active != null) {
                x = layers.get(i).applyMean(store, x, training, active[i]);
            } else {
                x = layers.get(i).applyChoice(store, x, training, path[i], gates == null ? null : gates.get(i));
            }
        }
        x = tail.apply(store, x, training);
        Shape s = x.getShape();
        x = x.reshape(s.get(0), s.get(1), -1).mean(new int[] {2}); // global average pool
        if (dropout != null) {
            x = dropout.forward(store, new NDList(x), training).singletonOrThrow();
        }
        return classifier.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), space.input().classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        stem.initialize(manager, dataType, shape);
        shape = stem.getOutputShapes(new Shape[] {shape})[0];
        for (ChoiceLayer layer : layers) {
            layer.initialize(manager, dataType, shape);
            shape = layer.getOutputShapes(new Shape[] {shape})[0];
        }
        tail.initialize(manager, dataType, shape);
        Shape pooled = new Shape(shape.get(0), space.tailChannels());
        if (dropout != null) {
            dropout.initialize(manager, dataType, pooled);
        }
        classifier.initialize(manager, dataType, pooled);
    }

    @Override
    public String toString() {
        return "Supernet(" + layers.size() + " layers, path " + Arrays.toString(path) + ")";
    }
}
