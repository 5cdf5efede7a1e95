/**
 * The built-in library: the national smart-city framework of the "Gerakan Menuju 100 Smart City"
 * programme, written in the Masterplan language itself. Every plan sees it; pillars refer to its
 * dimensions and programmes to its elements, and hovers show its descriptions.
 */
export const BUILTIN_SCHEME = 'mplan-builtin';
export const BUILTIN_FRAMEWORK_URI = `${BUILTIN_SCHEME}:///framework.mplan`;

export const BUILTIN_FRAMEWORK_TEXT = `// The national framework of the Gerakan Menuju 100 Smart City programme (built in, read-only).
framework Kominfo "Gerakan Menuju 100 Smart City" en "Movement Towards 100 Smart Cities" {
    description "Kerangka nasional smart city: enam dimensi, masing-masing dengan tiga elemen."
        en "The national smart city framework: six dimensions with three elements each."

    dimension Governance "Smart Governance" {
        aka Government "Smart Government"
        description "Tata kelola pemerintahan yang efektif, efisien dan komunikatif melalui pelayanan publik, birokrasi dan kebijakan."
            en "Effective, efficient and communicative government through public service, bureaucracy and policy."
        element PublicService "Pelayanan publik" en "Public service" {
            description "Layanan kepada masyarakat yang cepat, mudah, transparan dan terukur."
                en "Services to citizens that are fast, easy, transparent and measurable."
        }
        element Bureaucracy "Manajemen birokrasi yang efisien" en "Efficient bureaucracy management" {
            description "Proses internal pemerintahan (perencanaan, penganggaran, kepegawaian, persuratan) yang efisien."
                en "Efficient internal government processes (planning, budgeting, civil service, correspondence)."
        }
        element PublicPolicy "Efisiensi kebijakan publik" en "Public policy efficiency" {
            description "Kebijakan yang dirumuskan dari data dan dievaluasi dampaknya."
                en "Policy made from data and evaluated for its impact."
        }
    }

    dimension Branding "Smart Branding" {
        description "Citra dan daya saing daerah melalui pariwisata, bisnis dan wajah kota."
            en "The region's image and competitiveness through tourism, business and city appearance."
        element Tourism "Ekosistem pariwisata" en "Tourism ecosystem" {
            description "Destinasi, promosi dan layanan wisata yang terhubung."
                en "Connected destinations, promotion and tourism services."
        }
        element Business "Ekosistem bisnis daerah" en "Regional business ecosystem" {
            description "Iklim usaha, perizinan dan pemasaran produk unggulan daerah."
                en "Business climate, licensing and the marketing of the region's leading products."
        }
        element CityAppearance "Wajah kota" en "City appearance" {
            description "Penataan ruang publik, identitas visual dan keindahan kota."
                en "Public spaces, visual identity and the look of the city."
        }
    }

    dimension Economy "Smart Economy" {
        description "Ekonomi daerah yang produktif, inklusif dan berbasis inovasi."
            en "A productive, inclusive and innovation-based regional economy."
        element Industry "Ekosistem industri yang berdaya saing" en "Competitive industry ecosystem" {
            description "Industri, UMKM dan ekonomi kreatif yang berdaya saing."
                en "Competitive industry, small businesses and creative economy."
        }
        element Welfare "Kesejahteraan rakyat" en "People's welfare" {
            description "Pengentasan kemiskinan, lapangan kerja dan perlindungan sosial."
                en "Poverty reduction, jobs and social protection."
        }
        element FinancialTransactions "Ekosistem transaksi keuangan" en "Financial transaction ecosystem" {
            description "Transaksi non-tunai, pajak dan retribusi daerah secara elektronik."
                en "Cashless transactions and electronic regional taxes and levies."
        }
    }

    dimension Living "Smart Living" {
        description "Lingkungan hidup yang layak, nyaman dan sehat: tata ruang, transportasi dan kesehatan."
            en "A liveable, comfortable and healthy environment: spatial planning, transport and health."
        element SpatialHarmony "Harmonisasi tata ruang" en "Spatial harmony" {
            description "Perencanaan dan pengendalian tata ruang serta permukiman."
                en "Planning and control of land use and settlements."
        }
        element Transport "Sarana transportasi" en "Transport" {
            description "Angkutan umum, lalu lintas dan konektivitas wilayah."
                en "Public transport, traffic and regional connectivity."
        }
        element Health "Prasarana kesehatan" en "Health facilities" {
            description "Fasilitas dan layanan kesehatan yang mudah dijangkau."
                en "Health facilities and services within easy reach."
        }
    }

    dimension Society "Smart Society" {
        aka People "Smart People"
        description "Masyarakat yang humanis, dinamis dan produktif: interaksi, pembelajaran dan keamanan."
            en "A humane, dynamic and productive society: interaction, learning and safety."
        element CommunityInteraction "Interaksi masyarakat yang efisien" en "Efficient community interaction" {
            description "Partisipasi warga, pengaduan dan komunitas."
                en "Citizen participation, complaints and communities."
        }
        element Learning "Ekosistem belajar yang efisien" en "Efficient learning ecosystem" {
            description "Pendidikan, literasi digital dan peningkatan kapasitas SDM."
                en "Education, digital literacy and capacity building."
        }
        element PublicSafety "Sistem keamanan masyarakat" en "Public safety system" {
            description "Keamanan, ketertiban dan penanggulangan bencana."
                en "Security, public order and disaster response."
        }
    }

    dimension Environment "Smart Environment" {
        description "Lingkungan yang lestari: perlindungan lingkungan, sampah dan limbah, energi."
            en "A sustainable environment: protection, waste and energy."
        element EnvironmentalProtection "Proteksi lingkungan" en "Environmental protection" {
            description "Pemantauan dan perlindungan kualitas air, udara, hutan dan sungai."
                en "Monitoring and protecting water, air, forests and rivers."
        }
        element Waste "Tata kelola sampah dan limbah" en "Waste management" {
            description "Pengurangan, pengangkutan dan pengolahan sampah dan limbah."
                en "Reducing, collecting and treating waste."
        }
        element Energy "Tata kelola energi" en "Energy management" {
            description "Efisiensi energi dan energi terbarukan."
                en "Energy efficiency and renewable energy."
        }
    }
}
`;
