/// Acronyms and initialisms most UK readers know without expansion.
/// Sites add their own in `plainsite.yml` (`lint: { acronyms: [...] }`).
enum KnownAcronyms {
    static let all: Set<String> = [
        "UK", "NHS", "GP", "GPS", "DVD", "DVDs", "CD", "CDs", "MP", "MPs", "MOT", "VAT", "DVLA", "BBC", "ITV", "ID", "PDF", "TV", "CCTV", "EU", "HMRC",
        "DWP", "PIN", "SMS", "OK", "USB", "DIY", "ATM", "CV", "DNA", "FAQ", "HIV", "IT", "LED", "PC", "PE", "RSPCA",
        "UN", "USA", "US", "VIP", "WC", "AM", "PM", "GCSE", "GCSEs", "MBE", "OBE", "CBE", "BSL", "A&E", "SEND", "COVID",
        "COVID-19", "HGV", "LGBT", "LGBTQ", "LGBTQ+", "NI", "QR", "RAF", "SIM", "TB", "URL", "WiFi", "Wi-Fi", "GOV.UK",
    ]
}
