package yarnlint.oracle;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyPairGeneratorSpi;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;

/**
 * Every ResourceManager start makes a 2048-bit RSA key for its web proxy CA (ProxyCA),
 * most of the start-up time; the oracle starts one RM per scenario and has no use for the
 * key, so one key pair, made once, serves every start.
 */
public final class ReusedRsaKeys extends KeyPairGeneratorSpi {
  private static KeyPair keys;

  /** Puts this generator first for "RSA" key pairs in this JVM. */
  static void install() {
    Provider provider = new Provider("YarnlintOracleRsa", "1", "one RSA key pair per JVM") {
      private static final long serialVersionUID = 1L;
    };
    provider.put("KeyPairGenerator.RSA", ReusedRsaKeys.class.getName());
    Security.insertProviderAt(provider, 1);
  }

  @Override
  public void initialize(int keysize, SecureRandom random) {
    // the size the first caller asked for is kept
  }

  @Override
  public synchronized KeyPair generateKeyPair() {
    if (keys == null) {
      try {
        KeyPairGenerator real = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
        real.initialize(2048);
        keys = real.generateKeyPair();
      } catch (NoSuchAlgorithmException | java.security.NoSuchProviderException e) {
        throw new IllegalStateException(e);
      }
    }
    return keys;
  }
}
