using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ReliefPlatform.Payments.Accounts;

/// <summary>Settings of payee accounts (section Payments:Accounts).</summary>
public sealed class AccountOptions
{
    public const string Section = "Payments:Accounts";

    /// <summary>
    /// The secret the account keys are derived from: from configuration or a secret store (the AppHost
    /// passes a generated, persisted parameter), never from the repository. At least 32 characters.
    /// </summary>
    public string Key { get; set; } = "";
}

/// <summary>
/// Encrypts account numbers at rest (AES-256-GCM, a fresh nonce each time) and makes their keyed hash
/// (HMAC-SHA256), so that one account on unrelated households can be found without decrypting all of
/// them. Both keys are derived from one configured secret (HKDF with distinct labels).
/// </summary>
public sealed class AccountProtector
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _encryptionKey;
    private readonly byte[] _hashKey;

    public AccountProtector(IOptions<AccountOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secret = options.Value.Key;
        if (secret.Length < 32)
        {
            throw new InvalidOperationException($"{AccountOptions.Section}:Key must be a secret of at least 32 characters (from configuration or a secret store).");
        }

        var master = Encoding.UTF8.GetBytes(secret);
        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: "payee-account-encryption"u8.ToArray());
        _hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: "payee-account-hash"u8.ToArray());
    }

    public byte[] Encrypt(string accountNumber)
    {
        ArgumentNullException.ThrowIfNull(accountNumber);
        var plain = Encoding.ASCII.GetBytes(accountNumber);
        var sealedBox = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBox.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagBytes);
        aes.Encrypt(nonce, plain, sealedBox.AsSpan(NonceBytes + TagBytes), sealedBox.AsSpan(NonceBytes, TagBytes));
        return sealedBox;
    }

    public string Decrypt(byte[] sealedBox)
    {
        ArgumentNullException.ThrowIfNull(sealedBox);
        var plain = new byte[sealedBox.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(_encryptionKey, TagBytes);
        aes.Decrypt(sealedBox.AsSpan(0, NonceBytes), sealedBox.AsSpan(NonceBytes + TagBytes), sealedBox.AsSpan(NonceBytes, TagBytes), plain);
        return Encoding.ASCII.GetString(plain);
    }

    /// <summary>The keyed hash: equal for equal numbers, useless to anyone without the key.</summary>
    public string Hash(string accountNumber) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.ASCII.GetBytes(accountNumber ?? throw new ArgumentNullException(nameof(accountNumber)))));
}
