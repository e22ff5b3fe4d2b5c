package dev.selfcode.text;

import java.util.Locale;
import java.util.Optional;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Token counts from a real tokenizer (JTokkit): the encoding of the named model when JTokkit knows it, else
 * cl100k_base, which is what most OpenAI-compatible chat models are billed in or close to.
 */
public final class Tokens {

    /** The encoding used when the model is unknown or unnamed. */
    public static final String DEFAULT_ENCODING = EncodingType.CL100K_BASE.getName();

    private final Encoding encoding;

    private Tokens(Encoding encoding) {
        this.encoding = encoding;
    }

    /** The counter for {@code model} (an OpenAI model name, or anything else for cl100k_base). */
    public static Tokens forModel(String model) {
        Optional<Encoding> known = model == null || model.isBlank()
                ? Optional.empty()
                : Registry.INSTANCE.getEncodingForModel(model.strip().toLowerCase(Locale.ROOT));
        return new Tokens(known.orElseGet(Tokens::cl100kEncoding));
    }

    /** The cl100k_base counter. */
    public static Tokens cl100k() {
        return new Tokens(cl100kEncoding());
    }

    private static Encoding cl100kEncoding() {
        return Registry.INSTANCE.getEncoding(EncodingType.CL100K_BASE);
    }

    /** The encoding's name, for reports. */
    public String encodingName() {
        return encoding.getName();
    }

    /** Tokens in {@code text}; special-token text counts as ordinary text, as a prompt would send it. */
    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** Shorthand for {@code cl100k().count(text)}. */
    public static int countDefault(String text) {
        return cl100k().count(text);
    }

    /** Loaded once: the registry reads every encoding's ranks when it is built (about a second). */
    private static final class Registry {

        static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    }
}
