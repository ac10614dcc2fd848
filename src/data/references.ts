/**
 * The course bibliography: one entry per cited work. Lessons cite by key
 * (frontmatter `cites` and <Cite id="…" />); the build fails on an unknown key.
 */
export interface Reference {
  authors: string;
  title: string;
  venue: string;
  year: number;
  url: string;
}

export const references = {
  'dumoulin-visin-2016': {
    authors: 'Vincent Dumoulin, Francesco Visin',
    title: 'A guide to convolution arithmetic for deep learning',
    venue: 'arXiv:1603.07285',
    year: 2016,
    url: 'https://arxiv.org/abs/1603.07285',
  },
  'yu-koltun-2016': {
    authors: 'Fisher Yu, Vladlen Koltun',
    title: 'Multi-Scale Context Aggregation by Dilated Convolutions',
    venue: 'ICLR',
    year: 2016,
    url: 'https://arxiv.org/abs/1511.07122',
  },
  'araujo-2019': {
    authors: 'André Araujo, Wade Norris, Jack Sim',
    title: 'Computing Receptive Fields of Convolutional Neural Networks',
    venue: 'Distill',
    year: 2019,
    url: 'https://distill.pub/2019/computing-receptive-fields/',
  },
  'simonyan-zisserman-2015': {
    authors: 'Karen Simonyan, Andrew Zisserman',
    title: 'Very Deep Convolutional Networks for Large-Scale Image Recognition',
    venue: 'ICLR',
    year: 2015,
    url: 'https://arxiv.org/abs/1409.1556',
  },
  'krizhevsky-2012': {
    authors: 'Alex Krizhevsky, Ilya Sutskever, Geoffrey E. Hinton',
    title: 'ImageNet Classification with Deep Convolutional Neural Networks',
    venue: 'NeurIPS',
    year: 2012,
    url: 'https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks',
  },
  'szegedy-2015': {
    authors: 'Christian Szegedy, Wei Liu, Yangqing Jia, et al.',
    title: 'Going Deeper with Convolutions',
    venue: 'CVPR',
    year: 2015,
    url: 'https://arxiv.org/abs/1409.4842',
  },
  'he-2016': {
    authors: 'Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun',
    title: 'Deep Residual Learning for Image Recognition',
    venue: 'CVPR',
    year: 2016,
    url: 'https://arxiv.org/abs/1512.03385',
  },
  'huang-2017': {
    authors: 'Gao Huang, Zhuang Liu, Laurens van der Maaten, Kilian Q. Weinberger',
    title: 'Densely Connected Convolutional Networks',
    venue: 'CVPR',
    year: 2017,
    url: 'https://arxiv.org/abs/1608.06993',
  },
  'lin-2014': {
    authors: 'Min Lin, Qiang Chen, Shuicheng Yan',
    title: 'Network In Network',
    venue: 'ICLR',
    year: 2014,
    url: 'https://arxiv.org/abs/1312.4400',
  },
  'zhang-2017': {
    authors: 'Chiyuan Zhang, Samy Bengio, Moritz Hardt, Benjamin Recht, Oriol Vinyals',
    title: 'Understanding deep learning requires rethinking generalization',
    venue: 'ICLR',
    year: 2017,
    url: 'https://arxiv.org/abs/1611.03530',
  },
  'belkin-2019': {
    authors: 'Mikhail Belkin, Daniel Hsu, Siyuan Ma, Soumik Mandal',
    title: 'Reconciling modern machine-learning practice and the classical bias–variance trade-off',
    venue: 'Proceedings of the National Academy of Sciences 116(32), 15849–15854',
    year: 2019,
    url: 'https://doi.org/10.1073/pnas.1903070116',
  },
  'nakkiran-2020': {
    authors: 'Preetum Nakkiran, Gal Kaplun, Yamini Bansal, Tristan Yang, Boaz Barak, Ilya Sutskever',
    title: 'Deep Double Descent: Where Bigger Models and More Data Hurt',
    venue: 'ICLR',
    year: 2020,
    url: 'https://arxiv.org/abs/1912.02292',
  },
  'brown-2020': {
    authors: 'Tom B. Brown, Benjamin Mann, Nick Ryder, et al.',
    title: 'Language Models are Few-Shot Learners',
    venue: 'NeurIPS',
    year: 2020,
    url: 'https://arxiv.org/abs/2005.14165',
  },
  'luo-2016': {
    authors: 'Wenjie Luo, Yujia Li, Raquel Urtasun, Richard Zemel',
    title: 'Understanding the Effective Receptive Field in Deep Convolutional Neural Networks',
    venue: 'NeurIPS',
    year: 2016,
    url: 'https://arxiv.org/abs/1701.04128',
  },
  'glorot-bengio-2010': {
    authors: 'Xavier Glorot, Yoshua Bengio',
    title: 'Understanding the difficulty of training deep feedforward neural networks',
    venue: 'AISTATS',
    year: 2010,
    url: 'https://proceedings.mlr.press/v9/glorot10a.html',
  },
  'nair-hinton-2010': {
    authors: 'Vinod Nair, Geoffrey E. Hinton',
    title: 'Rectified Linear Units Improve Restricted Boltzmann Machines',
    venue: 'ICML',
    year: 2010,
    url: 'https://icml.cc/Conferences/2010/papers/432.pdf',
  },
  'szegedy-2016': {
    authors: 'Christian Szegedy, Vincent Vanhoucke, Sergey Ioffe, Jonathon Shlens, Zbigniew Wojna',
    title: 'Rethinking the Inception Architecture for Computer Vision',
    venue: 'CVPR',
    year: 2016,
    url: 'https://arxiv.org/abs/1512.00567',
  },
  'he-2016b': {
    authors: 'Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun',
    title: 'Identity Mappings in Deep Residual Networks',
    venue: 'ECCV',
    year: 2016,
    url: 'https://arxiv.org/abs/1603.05027',
  },
  'ioffe-szegedy-2015': {
    authors: 'Sergey Ioffe, Christian Szegedy',
    title: 'Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift',
    venue: 'ICML',
    year: 2015,
    url: 'https://arxiv.org/abs/1502.03167',
  },
  'srivastava-2015': {
    authors: 'Rupesh K. Srivastava, Klaus Greff, Jürgen Schmidhuber',
    title: 'Training Very Deep Networks',
    venue: 'NeurIPS',
    year: 2015,
    url: 'https://arxiv.org/abs/1507.06228',
  },
  'veit-2016': {
    authors: 'Andreas Veit, Michael Wilber, Serge Belongie',
    title: 'Residual Networks Behave Like Ensembles of Relatively Shallow Networks',
    venue: 'NeurIPS',
    year: 2016,
    url: 'https://arxiv.org/abs/1605.06431',
  },
  'pleiss-2017': {
    authors:
      'Geoff Pleiss, Danlu Chen, Gao Huang, Tongcheng Li, Laurens van der Maaten, Kilian Q. Weinberger',
    title: 'Memory-Efficient Implementation of DenseNets',
    venue: 'arXiv:1707.06990',
    year: 2017,
    url: 'https://arxiv.org/abs/1707.06990',
  },
  'tan-le-2019': {
    authors: 'Mingxing Tan, Quoc V. Le',
    title: 'EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks',
    venue: 'ICML',
    year: 2019,
    url: 'https://arxiv.org/abs/1905.11946',
  },
} as const satisfies Record<string, Reference>;

export type ReferenceKey = keyof typeof references;

/** Is `key` a known reference? */
export function isReferenceKey(key: string): key is ReferenceKey {
  return Object.prototype.hasOwnProperty.call(references, key);
}
